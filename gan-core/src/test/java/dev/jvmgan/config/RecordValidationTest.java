package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.Executable;

/** Code-built configs are held to the same ranges as YAML ones: the records validate in their constructors. */
class RecordValidationTest {
    private static final double NAN = Double.NaN;
    private static final OptionalDouble AUTO = OptionalDouble.empty();

    /** {@code policy} with one entry added or replaced. */
    private static Map<String, String> with(Map<String, String> policy, String rule, String value) {
        Map<String, String> changed = new LinkedHashMap<>(policy);
        changed.put(rule, value);
        return changed;
    }

    private static Arguments rejects(String expectedMessage, Executable construct) {
        return Arguments.of(expectedMessage, construct);
    }

    static Stream<Arguments> invalidRecords() {
        NetworkConfig g = Defaults.generator();
        OptimizerConfig adam = Defaults.optimizer();
        AlertConfig alerts = Defaults.alerts();
        Map<String, String> warn = alerts.policy();
        return Stream.of(
                rejects("name: must not be empty (e.g. fashion-dcgan)", () -> Defaults.run(" ")),
                rejects("path: must not be empty", () -> new DataConfig(DataSource.IDX, "", 28, 1)),
                rejects("background: 0x1000000 must be an RGB colour, 0x000000..0xFFFFFF", () -> folderOptions(
                        DataConfig.Crop.CENTER, 0x1000000, 1, 1)),
                rejects("maxImagePixels: 0 must be between 1 and 2147483647", () -> folderOptions(
                        DataConfig.Crop.CENTER, 0, 0, 1)),
                rejects("loaderThreads: 0 must be between 1 and 64", () -> folderOptions(
                        DataConfig.Crop.CENTER, 0, 1, 0)),
                rejects("latentDim: 0 must be between 1 and 4096", () -> new ModelConfig(0, g, g)),
                rejects("architecture: must not be empty (e.g. dcgan)",
                        () -> new NetworkConfig("", List.of(8), g.activation(), true, 0.02)),
                rejects("widths: must not be empty (e.g. [128, 64])",
                        () -> new NetworkConfig("dcgan", List.of(), g.activation(), true, 0.02)),
                rejects("widths[1]: 5000 must be between 1 and 4096",
                        () -> new NetworkConfig("dcgan", List.of(8, 5000), g.activation(), true, 0.02)),
                rejects("initStd: NaN must be > 0 and <= 1",
                        () -> new NetworkConfig("dcgan", List.of(8), g.activation(), true, NAN)),
                rejects("alpha: relu takes no parameter 'alpha' (leakyrelu, prelu, elu take it); pass NaN",
                        () -> new ActivationConfig(ActivationType.RELU, 0.2, NAN, NAN)),
                rejects("alpha: 1 must be >= 0 and < 1", () -> ActivationConfig.leakyRelu(1)),
                rejects("alpha: NaN must be a finite number",
                        () -> new ActivationConfig(ActivationType.PRELU, NAN, NAN, NAN)),
                rejects("lower: 0.5 must be <= upper (0.25)",
                        () -> new ActivationConfig(ActivationType.RRELU, NAN, 0.5, 0.25)),
                rejects("type: 'sgd' is not one of: adam", () -> new OptimizerConfig("sgd", 0.1, 0.5, 0.9)),
                rejects("lr: 0 must be > 0 and < 1", () -> new OptimizerConfig("adam", 0, 0.5, 0.9)),
                rejects("beta2: 1 must be >= 0 and < 1", () -> new OptimizerConfig("adam", 0.1, 0.5, 1)),
                rejects("iterations: 0 must be >= 1", () -> new TrainConfig(0, 64, 1, 1, adam, adam)),
                rejects("batchSize: 0 must be between 1 and 4096", () -> new TrainConfig(1, 0, 1, 1, adam, adam)),
                rejects("roundSteps: 0 must be between 1 and 100000", () -> new DistributedConfig(0, 2)),
                rejects("partitions: 4097 must be between 0 and 4096", () -> new DistributedConfig(10, 4097)),
                rejects("dStepsPerGStep: 0 must be between 1 and 100",
                        () -> new TrainConfig(1, 64, 0, 1, adam, adam)),
                rejects("augment: 'blur' is not one of [color, translation, cutout]", () -> Defaults.train()
                        .withAlgorithm(LossConfig.of(LossConfig.Type.NS), PenaltyConfig.none(), List.of("blur"),
                                Defaults.train().instanceNoise())),
                rejects("augment: [color, color] names an operation twice", () -> Defaults.train()
                        .withAlgorithm(LossConfig.of(LossConfig.Type.NS), PenaltyConfig.none(),
                                List.of("color", "color"), Defaults.train().instanceNoise())),
                rejects("realLabel: 0 must be > 0 and <= 1", () -> new LossConfig(LossConfig.Type.NS, 0)),
                rejects("realLabel: 1.1 must be > 0 and <= 1", () -> new LossConfig(LossConfig.Type.LSGAN, 1.1)),
                rejects("realLabel: hinge has no labels to smooth (its margin plays that part), so realLabel must "
                        + "be 1; one-sided label smoothing is for ns, minimax, lsgan",
                        () -> new LossConfig(LossConfig.Type.HINGE, 0.9)),
                rejects("realLabel: wgan has no labels to smooth, so realLabel must be 1; one-sided label smoothing "
                        + "is for ns, minimax, lsgan", () -> new LossConfig(LossConfig.Type.WGAN, 0.9)),
                rejects("gamma: 0 must be > 0", () -> PenaltyConfig.r1(0, 16)),
                rejects("lambda: NaN must be > 0", () -> PenaltyConfig.wganGp(NAN, 1)),
                rejects("every: 0 must be between 1 and 10000", () -> PenaltyConfig.r1(1, 0)),
                rejects("lambda: r1 takes no 'lambda'; pass NaN",
                        () -> new PenaltyConfig(PenaltyConfig.Type.R1, 1, 10, 16)),
                rejects("every: none takes no 'every'; pass 0",
                        () -> new PenaltyConfig(PenaltyConfig.Type.NONE, NAN, NAN, 16)),
                rejects("sigma: -0.1 must be >= 0", () -> new InstanceNoiseConfig(-0.1, 10)),
                rejects("annealIterations: 0 must be >= 1", () -> new InstanceNoiseConfig(0.1, 0)),
                rejects("halfLifeImages: NaN must be between 0 and 1000000000000", () -> new EmaConfig(NAN, 0.05)),
                rejects("rampUp: -0.1 must be between 0 and 1", () -> new EmaConfig(10000, -0.1)),
                rejects("standingStats: -1 must be between 0 and 1000", () -> new EmaConfig(10000, 0.05, -1)),
                rejects("standingStats: 1001 must be between 0 and 1000", () -> new EmaConfig(10000, 0.05, 1001)),
                rejects("runsRoot: must not be empty (e.g. outputs)", () -> new OutputConfig("", 1, 1, 1)),
                rejects("checkpointEvery: 0 must be >= 1", () -> new OutputConfig("o", 1, 1, 0)),
                rejects("every: -1 must be between 0 and 1000000", () -> new MonitorConfig(-1, 5, 500, 0, 1, alerts)),
                rejects("window: 0 must be between 1 and 1000", () -> new MonitorConfig(50, 0, 500, 0, 1, alerts)),
                rejects("chartEvery: 0 must be >= 1", () -> new MonitorConfig(50, 5, 0, 0, 1, alerts)),
                rejects("vanishingBelow: NaN must be >= 0", () -> new MonitorConfig(50, 5, 500, NAN, 1, alerts)),
                rejects("explodingAbove: Infinity must be >= 0",
                        () -> new MonitorConfig(50, 5, 500, 0, Double.POSITIVE_INFINITY, alerts)),
                rejects("explodingAbove: 1 must be > vanishingBelow (2)",
                        () -> new MonitorConfig(50, 5, 500, 2, 1, alerts)),
                rejects("deadFraction: 1.5 must be between 0 and 1",
                        () -> new AlertConfig(1.5, 0.1, AUTO, AUTO, 3, 0, warn)),
                rejects("deadRise: -0.1 must be between 0 and 1",
                        () -> new AlertConfig(0.3, -0.1, AUTO, AUTO, 3, 0, warn)),
                rejects("dRealAbove: NaN must be a finite number",
                        () -> new AlertConfig(0.3, 0.1, OptionalDouble.of(NAN), AUTO, 3, 0, warn)),
                rejects("dFakeBelow: -Infinity must be a finite number",
                        () -> new AlertConfig(0.3, 0.1, AUTO, OptionalDouble.of(Double.NEGATIVE_INFINITY), 3, 0, warn)),
                rejects("overpowerChecks: 0 must be between 1 and 1000",
                        () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 0, 0, warn)),
                rejects("gSignalBelow: -1 must be >= 0", () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 3, -1, warn)),
                rejects("policy: unknown rule 'dead-unit' (did you mean 'dead-units'?)",
                        () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 3, 0, with(warn, "dead-unit", "stop"))),
                rejects("policy: unknown rule 'exploding'; rules: dead-units, dead-rising, d-overpowering, "
                                + "g-gradient-vanishing, quality-regressed, mode-collapse",
                        () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 3, 0, with(warn, "exploding", "stop"))),
                rejects("policy.d-overpowering: 'halt' is not one of: warn, stop",
                        () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 3, 0, with(warn, "d-overpowering", "halt"))),
                rejects("policy.dead-rising: missing; every rule needs one of: warn, stop",
                        () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 3, 0, Map.of("dead-units", "warn"))),
                rejects("policy.dead-units: rollback is only for the quality rules (quality-regressed, "
                                + "mode-collapse); write warn or stop",
                        () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 3, 0, with(warn, "dead-units", "rollback"))),
                rejects("maxRollbacks: 0 must be between 1 and 100", () -> new AlertConfig(0.3, 0.1, AUTO, AUTO, 3,
                        0, 0.2, 3, 0.02, 0.02, 0.5, 0, warn)),
                rejects("rollbackLrFactor: 0 must be between 1.0E-9 and 1", () -> new AlertConfig(0.3, 0.1, AUTO,
                        AUTO, 3, 0, 0.2, 3, 0.02, 0.02, 0, 2, warn)),
                rejects("bestMode: 'max' cannot go with bestMetric fd, a distance (lower is better); write "
                                + "bestMode: min or leave it out",
                        () -> new OutputConfig("o", 1, 1, 1, 1, "fd", "max")),
                rejects("images: 9 must be between 10 and 50000", () -> new EvalConfig(100, 9)),
                rejects("rule: unknown rule 'dead_units' (did you mean 'dead-units'?)",
                        () -> Defaults.alerts().stops("dead_units")));
    }

    private static DataConfig folderOptions(DataConfig.Crop crop, int background, int maxPixels, int threads) {
        return new DataConfig(DataSource.FOLDER, "x", 8, 3).withFolderOptions(crop, false, background,
                DataConfig.BadFiles.SKIP, maxPixels, DataConfig.Cache.NONE, threads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void constructorRejectsWithTheComponentNamed(String expectedMessage, Executable construct) {
        assertThatThrownBy(construct::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void dataShapesOutsideTheYamlRangeAreLeftToTheDataPackage() {
        assertThat(new DataConfig(DataSource.IDX, "x", 2, 4).imageSize()).isEqualTo(2);
    }

    @Test
    void namesAreStoredInLowerCase() {
        assertThat(new NetworkConfig("DCGAN", List.of(8), ActivationConfig.relu(), true, 0.02).architecture())
                .isEqualTo("dcgan");
        assertThat(new OptimizerConfig("Adam", 0.1, 0.5, 0.9).type()).isEqualTo("adam");
    }

    @Test
    void theTinyTestShapesAreValid() {
        NetworkConfig tiny = new NetworkConfig("dcgan", List.of(8), ActivationConfig.relu(), true, 0.02);
        RunConfig config = new RunConfig("tiny", new DataConfig(DataSource.IDX, "x", 8, 1),
                new ModelConfig(4, tiny, tiny), new TrainConfig(3, 2, 1, 0, Defaults.optimizer(),
                Defaults.optimizer()), Defaults.output(), Defaults.monitors());
        assertThat(config.model().latentDim()).isEqualTo(4);
    }
}
