package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ConfigDiff} lists between two resolved configs, as a resume's refusal and the run page show it. */
class ConfigDiffTest {
    private static RunConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", "run", List.of(), List.of());
    }

    private static List<String> changes(String before, String after) {
        return ConfigDiff.between(parse(before), parse(after)).stream().map(ConfigDiff.Change::toString).toList();
    }

    @Test
    void aChangedValueIsOneLineWithItsDottedKey() {
        assertThat(changes("", "train:\n  d:\n    lr: 0.001\n")).containsExactly("train.d.lr: 2.0E-4 -> 0.001");
        assertThat(changes("", "")).isEmpty();
    }

    @Test
    void anActivationsShortFormAgainstTheLongFormIsAChangeOfItsType() {
        // D's default is written {type: leakyrelu, alpha: 0.2}; ReLU, which has no parameter, as the scalar "relu".
        assertThat(changes("", "model:\n  discriminator:\n    activation: relu\n")).containsExactly(
                "model.discriminator.activation.type: leakyrelu -> relu",
                "model.discriminator.activation.alpha: 0.2 -> (absent)");
        assertThat(changes("model:\n  discriminator:\n    activation: relu\n", "")).containsExactly(
                "model.discriminator.activation.type: relu -> leakyrelu",
                "model.discriminator.activation.alpha: (absent) -> 0.2");
    }

    @Test
    void twoShortFormsAreAChangeOfTheTypeToo() {
        assertThat(changes("model:\n  discriminator:\n    activation: relu\n",
                "model:\n  discriminator:\n    activation: selu\n"))
                .containsExactly("model.discriminator.activation.type: relu -> selu");
    }

    @Test
    void twoLongFormsDifferOnlyWhereTheyDiffer() {
        assertThat(changes("", "model:\n  discriminator:\n    activation: {type: leakyrelu, alpha: 0.1}\n"))
                .containsExactly("model.discriminator.activation.alpha: 0.2 -> 0.1");
    }
}
