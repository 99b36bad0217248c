package dev.jvmgan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison page's table of config differences. */
class RunConfigsTest {
    private static RunConfig config(String name, String dActivation) {
        return ConfigLoader.parse("model:\n  discriminator:\n    activation: " + dActivation + "\n", name + ".yaml",
                name, List.of(), List.of());
    }

    @Test
    void activationsInShortAndLongFormShareOneTypeRow() {
        Map<String, List<String>> table = RunConfigs.across(List.of(config("a", "relu"), config("b", "leakyrelu"),
                config("c", "selu"), config("d", "{type: elu, alpha: 0.5}")));
        assertThat(table).containsOnlyKeys("name", "model.discriminator.activation.type",
                "model.discriminator.activation.alpha");
        assertThat(table.get("model.discriminator.activation.type"))
                .containsExactly("relu", "leakyrelu", "selu", "elu");
        assertThat(table.get("model.discriminator.activation.alpha"))
                .containsExactly("(absent)", "0.2", "(absent)", "0.5");
    }
}
