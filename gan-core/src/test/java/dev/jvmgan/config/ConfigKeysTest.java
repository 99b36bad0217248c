package dev.jvmgan.config;

import static dev.jvmgan.config.ConfigTestSupport.nested;
import static dev.jvmgan.config.ConfigTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per key: a non-default value written in YAML arrives in the record. */
class ConfigKeysTest {

    private static Arguments key(String key, String yamlValue, Function<RunConfig, Object> read, Object expected) {
        return Arguments.of(key + ": " + yamlValue, nested(key, yamlValue), read, expected);
    }

    /** A folder source with the embedded default path would fail the data package's rule: give it a folder. */
    private static Arguments folder(String spelling) {
        return Arguments.of("data.source: " + spelling, nested("data", "{source: " + spelling + ", path: /tmp/x}"),
                (Function<RunConfig, Object>) c -> c.data().source(), DataSource.FOLDER);
    }

    /** A folder-only option: the built-in rule rejects it for the default IDX source. */
    private static Arguments folderKey(String key, String value, Function<RunConfig, Object> read, Object expected) {
        return Arguments.of("data." + key + ": " + value,
                nested("data", "{source: folder, path: /tmp/x, " + key + ": " + value + "}"), read, expected);
    }

    /** A parameter of a typed map ({@code train.penalty.gamma}), which needs its {@code type} beside it. */
    private static Arguments parameter(String key, String map, Function<RunConfig, Object> read, Object expected) {
        String section = key.substring(0, key.lastIndexOf('.'));
        return Arguments.of(key + " in " + map, nested(section, map), read, expected);
    }

    /** A policy key is a rule name, dashes and all: the key is data, not a camelCase field. */
    private static Arguments policy(String rule) {
        return key("monitors.alerts.policy." + rule, "stop", c -> c.monitors().alerts().policy().get(rule), "stop");
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                key("name", "my-run", RunConfig::name, "my-run"),
                folder("folder"),
                key("data.path", "/tmp/images", c -> c.data().path(), "/tmp/images"),
                key("data.imageSize", "64", c -> c.data().imageSize(), 64),
                key("data.channels", "3", c -> c.data().channels(), 3),
                folderKey("crop", "random", c -> c.data().crop(), DataConfig.Crop.RANDOM),
                key("data.flip", "true", c -> c.data().flip(), true),
                key("data.background", "\"#FF8000\"", c -> c.data().background(), 0xFF8000),
                key("data.badFiles", "fail", c -> c.data().badFiles(), DataConfig.BadFiles.FAIL),
                key("data.maxImagePixels", "1000000", c -> c.data().maxImagePixels(), 1_000_000),
                folderKey("cache", "disk", c -> c.data().cache(), DataConfig.Cache.DISK),
                key("data.loaderThreads", "4", c -> c.data().loaderThreads(), 4),
                key("model.latentDim", "64", c -> c.model().latentDim(), 64),
                key("model.generator.architecture", "mlp", c -> c.model().generator().architecture(), "mlp"),
                key("model.generator.widths", "[256, 128, 64]", c -> c.model().generator().widths(),
                        List.of(256, 128, 64)),
                key("model.generator.activation", "selu", c -> c.model().generator().activation(),
                        ActivationConfig.defaults(ActivationType.SELU)),
                key("model.generator.batchNorm", "false", c -> c.model().generator().batchNorm(), false),
                key("model.generator.spectralNorm", "true", c -> c.model().generator().spectralNorm(), true),
                key("model.generator.initStd", "0.05", c -> c.model().generator().initStd(), 0.05),
                key("model.discriminator.architecture", "mlp", c -> c.model().discriminator().architecture(), "mlp"),
                key("model.discriminator.widths", "[32]", c -> c.model().discriminator().widths(), List.of(32)),
                key("model.discriminator.activation", "gelu", c -> c.model().discriminator().activation(),
                        ActivationConfig.defaults(ActivationType.GELU)),
                key("model.discriminator.batchNorm", "false", c -> c.model().discriminator().batchNorm(), false),
                key("model.discriminator.spectralNorm", "true", c -> c.model().discriminator().spectralNorm(), true),
                key("model.discriminator.initStd", "1", c -> c.model().discriminator().initStd(), 1.0),
                key("model.conditional", "true", c -> c.model().conditional(), true),
                key("model.generator.conditional", "true", c -> c.model().generatorConditional(), true),
                key("model.discriminator.conditional", "true", c -> c.model().discriminatorConditional(), true),
                key("train.iterations", "10", c -> c.train().iterations(), 10),
                key("train.batchSize", "2", c -> c.train().batchSize(), 2),
                key("train.dStepsPerGStep", "5", c -> c.train().dStepsPerGStep(), 5),
                key("train.seed", "-9000000000", c -> c.train().seed(), -9_000_000_000L),
                key("train.g.lr", "1e-3", c -> c.train().g().lr(), 1e-3),
                key("train.g.beta1", "0", c -> c.train().g().beta1(), 0.0),
                key("train.g.beta2", "0.99", c -> c.train().g().beta2(), 0.99),
                key("train.d.lr", "4.0e-4", c -> c.train().d().lr(), 4e-4),
                key("train.d.beta1", "0.9", c -> c.train().d().beta1(), 0.9),
                key("train.d.beta2", "0.9", c -> c.train().d().beta2(), 0.9),
                key("train.loss", "hinge", c -> c.train().loss(), LossConfig.of(LossConfig.Type.HINGE)),
                key("train.loss.type", "minimax", c -> c.train().loss(), LossConfig.of(LossConfig.Type.MINIMAX)),
                key("train.loss.realLabel", "0.9", c -> c.train().loss(), new LossConfig(LossConfig.Type.NS, 0.9)),
                key("train.penalty", "r1", c -> c.train().penalty(), PenaltyConfig.r1(0.1, 16)),
                key("train.penalty.type", "wgan-gp", c -> c.train().penalty(), PenaltyConfig.wganGp(10, 1)),
                key("train.augment", "[color, translation, cutout]", c -> c.train().augment(),
                        List.of("color", "translation", "cutout")),
                parameter("train.penalty.gamma", "{type: r1, gamma: 0.5}", c -> c.train().penalty(),
                        PenaltyConfig.r1(0.5, 16)),
                parameter("train.penalty.lambda", "{type: wgan-gp, lambda: 5}", c -> c.train().penalty(),
                        PenaltyConfig.wganGp(5, 1)),
                parameter("train.penalty.every", "{type: r1, every: 4}", c -> c.train().penalty(),
                        PenaltyConfig.r1(0.1, 4)),
                key("train.instanceNoise.sigma", "0.1", c -> c.train().instanceNoise().sigma(), 0.1),
                key("train.instanceNoise.annealIterations", "500",
                        c -> c.train().instanceNoise().annealIterations(), 500),
                key("train.ema.halfLifeImages", "10000", c -> c.train().ema().halfLifeImages(), 10000.0),
                key("train.ema.rampUp", "0", c -> c.train().ema().rampUp(), 0.0),
                key("train.distributed.roundSteps", "25", c -> c.train().distributed().roundSteps(), 25),
                key("train.distributed.partitions", "16", c -> c.train().distributed().partitions(), 16),
                key("output.runsRoot", "/tmp/runs", c -> c.output().runsRoot(), "/tmp/runs"),
                key("output.logEvery", "1", c -> c.output().logEvery(), 1),
                key("output.sampleEvery", "7", c -> c.output().sampleEvery(), 7),
                key("output.checkpointEvery", "99999", c -> c.output().checkpointEvery(), 99999),
                key("output.keepCheckpoints", "1", c -> c.output().keepCheckpoints(), 1),
                key("output.bestMetric", "GLOSS", c -> c.output().bestMetric(), "gLoss"),
                key("output.bestMode", "max", c -> c.output().bestMode(), "max"),
                key("monitors.every", "0", c -> c.monitors().every(), 0),
                key("monitors.window", "1", c -> c.monitors().window(), 1),
                key("monitors.chartEvery", "100", c -> c.monitors().chartEvery(), 100),
                key("monitors.vanishingBelow", "0", c -> c.monitors().vanishingBelow(), 0.0),
                key("monitors.explodingAbove", "1.0e+6", c -> c.monitors().explodingAbove(), 1e6),
                key("monitors.alerts.deadFraction", "1", c -> c.monitors().alerts().deadFraction(), 1.0),
                key("monitors.alerts.deadRise", "0", c -> c.monitors().alerts().deadRise(), 0.0),
                key("monitors.alerts.dRealAbove", "0.99", c -> c.monitors().alerts().dRealAbove(),
                        OptionalDouble.of(0.99)),
                key("monitors.alerts.dFakeBelow", "0.01", c -> c.monitors().alerts().dFakeBelow(),
                        OptionalDouble.of(0.01)),
                key("monitors.alerts.overpowerChecks", "1000", c -> c.monitors().alerts().overpowerChecks(), 1000),
                key("monitors.alerts.gSignalBelow", "1.0e-6", c -> c.monitors().alerts().gSignalBelow(), 1e-6),
                policy("dead-units"),
                policy("dead-rising"),
                policy("d-overpowering"),
                policy("g-gradient-vanishing"),
                policy("quality-regressed"),
                policy("mode-collapse"),
                key("monitors.alerts.fdRegression", "0.5", c -> c.monitors().alerts().fdRegression(), 0.5),
                key("monitors.alerts.regressionEvals", "1", c -> c.monitors().alerts().regressionEvals(), 1),
                key("monitors.alerts.recallBelow", "0.1", c -> c.monitors().alerts().recallBelow(), 0.1),
                key("monitors.alerts.coverageBelow", "0", c -> c.monitors().alerts().coverageBelow(), 0.0),
                key("monitors.alerts.rollbackLrFactor", "0.25", c -> c.monitors().alerts().rollbackLrFactor(), 0.25),
                key("monitors.alerts.maxRollbacks", "5", c -> c.monitors().alerts().maxRollbacks(), 5),
                key("eval.every", "500", c -> c.eval().every(), 500),
                key("eval.images", "10", c -> c.eval().images(), 10),
                Arguments.of("output.bestMetric: fd", "output: {bestMetric: fd}\neval: {every: 100}",
                        (Function<RunConfig, Object>) c -> c.output().bestMetric(), "fd"),
                Arguments.of("output.bestMetric: KID", "output: {bestMetric: KID}\neval: {every: 100}",
                        (Function<RunConfig, Object>) c -> c.output().bestMetric(), "kid"),
                Arguments.of("monitors.alerts.policy.mode-collapse: rollback",
                        "output: {bestMetric: fd}\neval: {every: 100}\nmonitors: {alerts: {policy: "
                                + "{mode-collapse: rollback}}}",
                        (Function<RunConfig, Object>) c -> c.monitors().alerts().policy().get("mode-collapse"),
                        "rollback"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void keyWrittenInYamlReachesTheRecord(String label, String yaml, Function<RunConfig, Object> read,
                                          Object expected) {
        assertThat(read.apply(Defaults.run("t"))).as("the test value must differ from the default")
                .isNotEqualTo(expected);
        assertThat(read.apply(parse(yaml))).isEqualTo(expected);
    }

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("relu", ActivationConfig.relu()),
                Arguments.of("LeakyReLU", ActivationConfig.leakyRelu(0.2)),
                Arguments.of("leaky_relu", ActivationConfig.leakyRelu(0.2)),
                Arguments.of("lrelu", ActivationConfig.leakyRelu(0.2)),
                Arguments.of("{type: leakyrelu, alpha: 0.1}", ActivationConfig.leakyRelu(0.1)),
                Arguments.of("{type: leakyrelu, alpha: 0}", ActivationConfig.leakyRelu(0)),
                Arguments.of("prelu", new ActivationConfig(ActivationType.PRELU, 0.25, Double.NaN, Double.NaN)),
                Arguments.of("{type: prelu, alpha: -0.5}",
                        new ActivationConfig(ActivationType.PRELU, -0.5, Double.NaN, Double.NaN)),
                Arguments.of("rrelu", new ActivationConfig(ActivationType.RRELU, Double.NaN, 0.125, 1.0 / 3)),
                Arguments.of("{type: rrelu, lower: 0.1}",
                        new ActivationConfig(ActivationType.RRELU, Double.NaN, 0.1, 1.0 / 3)),
                Arguments.of("{type: rrelu, upper: 0.5}",
                        new ActivationConfig(ActivationType.RRELU, Double.NaN, 0.125, 0.5)),
                Arguments.of("{type: rrelu, lower: 0.3, upper: 0.3}",
                        new ActivationConfig(ActivationType.RRELU, Double.NaN, 0.3, 0.3)),
                Arguments.of("elu", new ActivationConfig(ActivationType.ELU, 1.0, Double.NaN, Double.NaN)),
                Arguments.of("{type: ELU, alpha: 2}",
                        new ActivationConfig(ActivationType.ELU, 2.0, Double.NaN, Double.NaN)),
                Arguments.of("selu", ActivationConfig.defaults(ActivationType.SELU)),
                Arguments.of("{type: gelu}", ActivationConfig.defaults(ActivationType.GELU)),
                Arguments.of("silu", ActivationConfig.defaults(ActivationType.SILU)),
                Arguments.of("Swish", ActivationConfig.defaults(ActivationType.SILU)));
    }

    @ParameterizedTest(name = "activation: {0}")
    @MethodSource("activations")
    void activationNamesAliasesAndParameters(String yamlValue, ActivationConfig expected) {
        assertThat(parse(nested("model.generator.activation", yamlValue)).model().generator().activation())
                .isEqualTo(expected);
    }

    static Stream<Arguments> caseInsensitiveNames() {
        return Stream.of(
                key("data.source", "IDX", c -> c.data().source(), DataSource.IDX),
                folder("Folder"),
                folderKey("crop", "Random", c -> c.data().crop(), DataConfig.Crop.RANDOM),
                key("data.crop", "centre", c -> c.data().crop(), DataConfig.Crop.CENTER),
                key("data.badFiles", "FAIL", c -> c.data().badFiles(), DataConfig.BadFiles.FAIL),
                folderKey("cache", "Disk", c -> c.data().cache(), DataConfig.Cache.DISK),
                key("data.background", "White", c -> c.data().background(), DataConfig.WHITE),
                key("data.background", "grey", c -> c.data().background(), 0x808080),
                key("data.background", "\"#abcdef\"", c -> c.data().background(), 0xABCDEF),
                key("model.generator.architecture", "DCGAN", c -> c.model().generator().architecture(), "dcgan"),
                // adam is the only optimiser, so its keys can only be tested for being accepted in any case.
                key("train.g.type", "ADAM", c -> c.train().g().type(), "adam"),
                key("train.d.type", "Adam", c -> c.train().d().type(), "adam"),
                key("monitors.alerts.policy.dead-units", "STOP", c -> c.monitors().alerts().policy().get("dead-units"),
                        "stop"),
                key("monitors.alerts.policy.dead-rising", "Warn",
                        c -> c.monitors().alerts().policy().get("dead-rising"), "warn"),
                key("train.loss", "Hinge", c -> c.train().loss(), LossConfig.of(LossConfig.Type.HINGE)),
                key("train.loss.type", "LSGAN", c -> c.train().loss(), LossConfig.of(LossConfig.Type.LSGAN)),
                key("train.penalty", "R1", c -> c.train().penalty(), PenaltyConfig.r1(0.1, 16)),
                key("train.penalty.type", "WGAN-GP", c -> c.train().penalty(), PenaltyConfig.wganGp(10, 1)),
                key("train.augment", "[Color, CUTOUT]", c -> c.train().augment(), List.of("color", "cutout")),
                key("monitors.alerts.dRealAbove", "AUTO", c -> c.monitors().alerts().dRealAbove(),
                        OptionalDouble.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseInsensitiveNames")
    void enumLikeValuesAreCaseInsensitiveAndStoredLowerCase(String label, String yaml,
                                                             Function<RunConfig, Object> read, Object expected) {
        assertThat(read.apply(parse(yaml))).isEqualTo(expected);
    }
}
