package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    @Test
    void readsLikeACompilerError() {
        assertThat(new ConfigProblem("configs/x.yaml", 14, "train.d.lr", "-0.1 must be > 0"))
                .hasToString("configs/x.yaml:14: train.d.lr: -0.1 must be > 0");
    }

    @Test
    void unknownLineIsLeftOut() {
        assertThat(new ConfigProblem("--set", 0, "train.batchSize", "\"abc\" is not an integer"))
                .hasToString("--set: train.batchSize: \"abc\" is not an integer");
    }

    @Test
    void wholeFileProblemHasNoKey() {
        assertThat(new ConfigProblem("x.yaml", 0, "", "file not found"))
                .hasToString("x.yaml: file not found");
    }

    @Test
    void exceptionMessageIsEveryProblemOnePerLine() {
        ConfigException e = new ConfigException(List.of(
                new ConfigProblem("x.yaml", 2, "a", "one"), new ConfigProblem("x.yaml", 5, "b", "two")));
        assertThat(e.getMessage()).isEqualTo("x.yaml:2: a: one\nx.yaml:5: b: two");
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("a", "b");
    }

    @Test
    void exceptionWithoutProblemsIsABug() {
        assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeLineIsABug() {
        assertThatThrownBy(() -> new ConfigProblem("x.yaml", -1, "k", "m"))
                .hasMessage("line: -1 must be >= 0 (0 means unknown)");
    }
}
