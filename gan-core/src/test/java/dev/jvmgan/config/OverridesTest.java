package dev.jvmgan.config;

import static dev.jvmgan.config.ConfigTestSupport.parse;
import static dev.jvmgan.config.ConfigTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** {@code --set dotted.key=value}: applied over the file, validated like the file, reported as {@code --set}. */
class OverridesTest {

    @Test
    void scalarOverrideReplacesTheFilesValue() {
        assertThat(parse("train:\n  batchSize: 32\n", "train.batchSize=128").train().batchSize()).isEqualTo(128);
    }

    @Test
    void flowSequenceOverrideSetsAList() {
        assertThat(parse("{}", "model.generator.widths=[256,128]").model().generator().widths())
                .containsExactly(256, 128);
    }

    @Test
    void overrideCreatesSectionsTheFileLeftOut() {
        RunConfig config = parse("{}", "model.discriminator.activation={type: elu, alpha: 0.5}", "data.path=x.gz");
        assertThat(config.model().discriminator().activation())
                .isEqualTo(new ActivationConfig(ActivationType.ELU, 0.5, Double.NaN, Double.NaN));
        assertThat(config.data().path()).isEqualTo("x.gz");
    }

    @Test
    void overrideReachesIntoAMapTheFileWrote() {
        String yaml = "model:\n  discriminator:\n    activation: {type: leakyrelu, alpha: 0.2}\n";
        assertThat(parse(yaml, "model.discriminator.activation.alpha=0.1").model().discriminator().activation())
                .isEqualTo(ActivationConfig.leakyRelu(0.1));
    }

    @Test
    void laterOverrideWins() {
        assertThat(parse("{}", "train.seed=1", "train.seed=2").train().seed()).isEqualTo(2L);
    }

    @Test
    void badValueIsReportedAgainstTheOverrideNotTheFileLine() {
        assertThat(problems("train:\n  batchSize: 32\n", "train.batchSize=abc"))
                .isEqualTo("--set: train.batchSize: \"abc\" is not an integer");
    }

    @Test
    void outOfRangeValue() {
        assertThat(problems("{}", "train.d.lr=2"))
                .isEqualTo("--set: train.d.lr: 2 must be > 0 and < 1");
    }

    @Test
    void unknownKeyGetsASuggestion() {
        assertThat(problems("{}", "train.batchSzie=3"))
                .isEqualTo("--set: train.batchSzie: unknown key (did you mean 'batchSize'?)");
    }

    @Test
    void unknownSectionGetsASuggestion() {
        assertThat(problems("{}", "trian.batchSize=3"))
                .isEqualTo("--set: trian: unknown key (did you mean 'train'?)");
    }

    @Test
    void overrideWithoutEqualsSignIsMalformed() {
        assertThat(problems("{}", "train.batchSize"))
                .isEqualTo("--set: 'train.batchSize' is not key=value (e.g. train.batchSize=128 or "
                        + "model.generator.widths=[256,128])");
    }

    @Test
    void overrideWithAnEmptyKeySegmentIsMalformed() {
        assertThat(problems("{}", "train..lr=0.1"))
                .isEqualTo("--set: 'train..lr=0.1' is not key=value (e.g. train.batchSize=128 or "
                        + "model.generator.widths=[256,128])");
    }

    @Test
    void overrideWithoutValue() {
        assertThat(problems("{}", "train.batchSize="))
                .isEqualTo("--set: train.batchSize: has no value after '='; to use the default, drop the --set");
    }

    @Test
    void overrideValueThatIsNotYaml() {
        assertThat(problems("{}", "model.generator.widths=[256,128"))
                .isEqualTo("--set: model.generator.widths: '[256,128' is not a valid YAML value: expected ',' or "
                        + "']', but got <stream end> (while parsing a flow sequence); is a closing ] missing?");
    }

    @Test
    void overrideBelowAPlainValueIsRejected() {
        assertThat(problems("train:\n  batchSize: 64\n", "train.batchSize.x=1"))
                .isEqualTo("--set: train.batchSize.x: train.batchSize is 64, not a map, so it has no key 'x'; "
                        + "set train.batchSize itself");
    }

    @Test
    void fileProblemsComeFirstThenOverrideProblems() {
        assertThat(problems("data:\n  channels: 2\n", "train.iterations=0", "output.logEvery=0"))
                .isEqualTo(String.join("\n",
                        "t.yaml:2: data.channels: 2 must be 1 (grey) or 3 (RGB)",
                        "--set: train.iterations: 0 must be >= 1",
                        "--set: output.logEvery: 0 must be >= 1"));
    }

    /**
     * Every leaf of a resolved config, given as {@code --set key=value} over an empty file, builds that config
     * again: each key's reader takes what its writer wrote, whichever key is added next.
     */
    @Test
    void everyKeyOfAResolvedConfigCanBeSet() throws Exception {
        RunConfig changed = new RunConfig("t",
                new DataConfig(DataSource.FOLDER, "/data/x y", 64, 3, DataConfig.Crop.RANDOM, true, 0x102030,
                        DataConfig.BadFiles.FAIL, 1234, DataConfig.Cache.NONE, 7),
                new ModelConfig(128,
                        new NetworkConfig("mlp", List.of(512, 256), ActivationConfig.defaults(ActivationType.SILU),
                                false, 0.05, Map.of("blocks", 2, "kinds", List.of("a", "b"))),
                        new NetworkConfig("my-arch", List.of(1), new ActivationConfig(ActivationType.RRELU,
                                Double.NaN, 0.01, 0.7), false, 1.0)),
                new TrainConfig(1, 4096, 100, Long.MIN_VALUE, new OptimizerConfig("adam", 1e-7, 0.0, 0.9),
                        new OptimizerConfig("adam", 0.9999, 0.25, 1.0 / 3), new LossConfig(LossConfig.Type.MINIMAX,
                        0.9), PenaltyConfig.none(), List.of("translation"), new InstanceNoiseConfig(1.5, 99), EmaConfig.off()),
                new OutputConfig("runs/x", 1, 2, 3, 9, "gLoss", "max"),
                new MonitorConfig(0, 1000, 1, 0.0, 1e300, new AlertConfig(1.0, 0.0, OptionalDouble.of(0.5),
                        OptionalDouble.of(1.0 / 3), 1000, 1e-9,
                        Map.of("dead-units", "stop", "dead-rising", "warn", "d-overpowering", "stop",
                                "g-gradient-vanishing", "stop"))));
        List<String> overrides = new ArrayList<>();
        leaves("", new YAMLMapper().readTree(ConfigLoader.toYaml(changed)), overrides);
        assertThat(overrides).hasSizeGreaterThan(50).contains("model.discriminator.activation.lower=0.01");
        assertThat(parse("{}", overrides.toArray(String[]::new))).isEqualTo(changed);
    }

    /** {@code key=value} for every scalar and list, the value as JSON, which is YAML ({@code "#102030"} quoted). */
    private static void leaves(String path, JsonNode node, List<String> overrides) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                    e.getValue(), overrides));
        } else {
            overrides.add(path + "=" + node);
        }
    }

    @Test
    void overridesAreCheckedByRulesToo() {
        assertThat(problems("{}", "train.batchSize=1"))
                .startsWith("--set: train.batchSize: 1 is too small for batch normalisation");
        assertThat(ConfigLoader.parse("{}", "t.yaml", "t", List.of("model.generator.batchNorm=false",
                "model.discriminator.batchNorm=false", "train.batchSize=1"), List.of()).train().batchSize())
                .isEqualTo(1);
    }
}
