package dev.jvmgan.config;

import static dev.jvmgan.config.ConfigTestSupport.parse;
import static dev.jvmgan.config.ConfigTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    @Test
    void reportsEveryProblemOfAFileAtOnceInLineOrder() {
        Path file = RESOURCES.resolve("several-problems.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, List.of(), List.of()));
        String f = file.toString();
        assertThat(e.getMessage()).isEqualTo(String.join("\n",
                f + ":3: data.source: \"csv\" is not one of: idx, folder",
                f + ":4: data.imageSize: 2 must be between 4 and 1024",
                f + ":6: model.latnetDim: unknown key (did you mean 'latentDim'?)",
                f + ":8: model.generator.widths[1]: 0 must be between 1 and 4096",
                f + ":9: model.generator.activation.alpha: relu takes no parameter 'alpha' (leakyrelu, prelu, elu "
                        + "take it)",
                f + ":11: train.batchSize: \"abc\" is not an integer",
                f + ":13: train.d.lr: -0.1 must be > 0 and < 1",
                f + ":15: output.logEvery: 0 must be >= 1"));
        assertThat(e.problems()).hasSize(8).first()
                .isEqualTo(new ConfigProblem(f, 3, "data.source", "\"csv\" is not one of: idx, folder"));
    }

    @Test
    void syntaxErrorNamesItsLineAndWhereTheConstructStarted() {
        Path file = RESOURCES.resolve("syntax-error.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: YAML syntax error: expected ',' or '}', but got : "
                        + "(while parsing a flow mapping started on line 3); is a closing } missing?");
    }

    @Test
    void syntaxErrorOnOneLine() {
        assertThat(problems("train:\n  batchSize: 64\n    iterations: 10\n"))
                .isEqualTo("t.yaml:3: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void missingFileSaysWhereItLookedAndSuggestsTheNearestConfig() {
        Path file = Path.of("..", "configs", "fashion-dcgn.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": file not found (working directory: " + Path.of("").toAbsolutePath()
                        + "); did you mean " + Path.of("..", "configs", "fashion-dcgan.yaml") + "?");
    }

    @Test
    void missingDirectoryIsSaidToBeMissing() {
        Path file = Path.of("no-such-dir", "x.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of(), List.of()))
                .hasMessage(file + ": file not found (working directory: " + Path.of("").toAbsolutePath()
                        + "); directory no-such-dir does not exist either");
    }

    @Test
    void aDirectoryIsNotAConfig() {
        assertThatThrownBy(() -> ConfigLoader.load(RESOURCES, List.of(), List.of()))
                .hasMessage(RESOURCES + ": is a directory, not a YAML file");
    }

    @Test
    void runIsNamedAfterTheFileUnlessTheYamlNamesIt() {
        assertThat(ConfigLoader.load(RESOURCES.resolve("tiny.yaml"), List.of(), List.of()).name())
                .isEqualTo("tiny");
        assertThat(ConfigLoader.load(RESOURCES.resolve("tiny.yaml"), List.of("name=smoke"), List.of()).name())
                .isEqualTo("smoke");
        assertThat(ConfigLoader.baseName(Path.of("configs/fashion-dcgan.yaml"))).isEqualTo("fashion-dcgan");
        assertThat(ConfigLoader.baseName(Path.of("a.b.yml"))).isEqualTo("a.b");
    }

    @Test
    void emptyMapEmptyFileAndCommentsOnlyAreAllTheDefaults() {
        assertThat(parse("{}")).isEqualTo(Defaults.run("t"));
        assertThat(parse("")).isEqualTo(Defaults.run("t"));
        assertThat(parse("# nothing set\n")).isEqualTo(Defaults.run("t"));
    }

    @Test
    void aSectionWithNothingUnderItIsAllDefaults() {
        assertThat(parse("data:\nmodel:\n  generator:\n")).isEqualTo(Defaults.run("t"));
    }

    @Test
    void aFileThatIsNotAMapIsRejected() {
        assertThat(problems("just text\n"))
                .isEqualTo("t.yaml: \"just text\" is not a map; expected keys: name, data, model, train, output, "
                        + "monitors, eval");
    }

    @Test
    void duplicateKeyIsReportedAtTheSecondWithTheFirstLine() {
        assertThat(problems("train:\n  batchSize: 32\n  iterations: 5\n  batchSize: 16\n"))
                .isEqualTo("t.yaml:4: train.batchSize: duplicate key (first set on line 2); the last one would "
                        + "win, so delete one");
    }

    @Test
    void batchNormNeedsTwoImagesPerBatch() {
        assertThat(problems("model:\n  generator: {batchNorm: false}\ntrain:\n  batchSize: 1\n"))
                .isEqualTo("t.yaml:4: train.batchSize: 1 is too small for batch normalisation (batchNorm: true in "
                        + "model.discriminator), which needs >= 2 images per batch; raise batchSize or set "
                        + "batchNorm: false");
        assertThat(parse("model:\n  generator: {batchNorm: false}\n  discriminator: {batchNorm: false}\n"
                + "train: {batchSize: 1}\n").train().batchSize()).isEqualTo(1);
    }

    @Test
    void ruleViolationIsReportedAtItsKeysLine() {
        ConfigRule dcganDepth = config -> config.model().generator().widths().size() > 3
                ? List.of(new ConfigRule.Violation("model.generator.widths", "at most 3 stages for 28x28 images"))
                : List.of();
        String yaml = "model:\n  latentDim: 64\n  generator:\n    widths: [512, 256, 128, 64]\n";
        assertThat(problems(yaml, List.of(dcganDepth)))
                .isEqualTo("t.yaml:4: model.generator.widths: at most 3 stages for 28x28 images");
    }

    @Test
    void ruleViolationOfADefaultedKeyIsReportedAtItsNearestWrittenParent() {
        ConfigRule rule = config -> List.of(new ConfigRule.Violation("train.seed", "odd seeds are unlucky"));
        assertThat(problems("data: {}\ntrain:\n  iterations: 5\n", List.of(rule)))
                .isEqualTo("t.yaml:2: train.seed: odd seeds are unlucky");
        assertThat(problems("{}", List.of(rule))).isEqualTo("t.yaml: train.seed: odd seeds are unlucky");
    }

    @Test
    void rulesRunOnlyOnceEveryKeyIsValid() {
        AtomicBoolean ran = new AtomicBoolean();
        ConfigRule rule = config -> {
            ran.set(true);
            return List.of();
        };
        assertThat(problems("train: {batchSize: 0}\n", List.of(rule)))
                .isEqualTo("t.yaml:1: train.batchSize: 0 must be between 1 and 4096");
        assertThat(ran).isFalse();
        parse("{}", List.of(rule));
        assertThat(ran).isTrue();
    }

    @Test
    void runNameFromTheCallerMustBeUsableAsADirectoryName() {
        assertThatThrownBy(() -> ConfigLoader.parse("{}", "t.yaml", "a/b", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runName: 'a/b' must not contain / or \\: it names the run's directory");
    }
}
