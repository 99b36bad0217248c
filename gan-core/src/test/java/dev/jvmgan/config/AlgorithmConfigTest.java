package dev.jvmgan.config;

import static dev.jvmgan.config.ConfigTestSupport.parse;
import static dev.jvmgan.config.ConfigTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code train} keys of the algorithm beyond one key at a time: overrides on a written-out config, the
 * {@code d-overpowering} thresholds against the loss's scale, the penalty against a non-deterministic D, and the
 * resolved form of every loss and penalty.
 */
class AlgorithmConfigTest {
    private static final Path REFERENCE = Path.of("..", "configs", "fashion-dcgan.yaml");

    private static RunConfig reference(String... overrides) {
        return ConfigLoader.load(REFERENCE, List.of(overrides), List.of());
    }

    @Test
    void overridesOfALossOrPenaltyTypeWorkOnTheWrittenOutReferenceConfig() {
        assertThat(reference("train.loss.type=hinge").train().loss()).isEqualTo(LossConfig.of(LossConfig.Type.HINGE));
        assertThat(reference("train.loss.type=wgan", "train.penalty.type=wgan-gp").train().penalty())
                .isEqualTo(PenaltyConfig.wganGp(10, 1));
        assertThat(reference("train.penalty.type=r1", "train.penalty.gamma=2").train().penalty())
                .isEqualTo(PenaltyConfig.r1(2, 16));
        assertThat(reference("train.loss.realLabel=0.9").train().loss())
                .isEqualTo(new LossConfig(LossConfig.Type.NS, 0.9));
        assertThat(reference("train.loss=lsgan").train().loss()).isEqualTo(LossConfig.of(LossConfig.Type.LSGAN));
        assertThat(reference("train.augment=[translation,cutout]").train().augment())
                .containsExactly("translation", "cutout");
    }

    @Test
    void aMapWithoutATypeKeepsTheTypeItWouldHave() {
        assertThat(parse("train:\n  loss: {realLabel: 0.8}\n").train().loss())
                .isEqualTo(new LossConfig(LossConfig.Type.NS, 0.8));
    }

    @Test
    void rawLossesTakeThresholdsOutsideTheUnitInterval() {
        AlertConfig hinge = parse("train: {loss: hinge}\nmonitors:\n  alerts: {dRealAbove: 1.5, dFakeBelow: -2}\n")
                .monitors().alerts();
        assertThat(hinge.dRealAbove()).isEqualTo(OptionalDouble.of(1.5));
        assertThat(hinge.dFakeBelow()).isEqualTo(OptionalDouble.of(-2));
        assertThat(parse("train: {loss: lsgan}\nmonitors:\n  alerts: {dRealAbove: 1.2}\n").monitors().alerts()
                .dRealAbove()).isEqualTo(OptionalDouble.of(1.2));
    }

    static Stream<Arguments> thresholdRejections() {
        return Stream.of(
                Arguments.of("train: {loss: wgan, penalty: wgan-gp}\nmonitors:\n  alerts: {dRealAbove: 0.5}\n",
                        "t.yaml:3: monitors.alerts.dRealAbove: train.loss wgan has no d-overpowering thresholds: a "
                                + "critic's scores are defined up to a constant, so only D(x) - D(G(z)) means "
                                + "something; write auto"),
                Arguments.of("train: {loss: hinge}\nmonitors:\n  alerts: {dFakeBelow: 2}\n",
                        "t.yaml:3: monitors.alerts.dFakeBelow: 2 must be < dRealAbove (1, auto for hinge)"),
                Arguments.of("train: {loss: minimax}\nmonitors:\n  alerts: {dRealAbove: -1}\n",
                        "t.yaml:3: monitors.alerts.dRealAbove: -1 must be between 0 and 1 (with train.loss "
                                + "minimax, D's output is a probability)"),
                Arguments.of("monitors:\n  alerts: {dRealAbove: 0.2, dFakeBelow: 0.3}\n",
                        "t.yaml:2: monitors.alerts.dFakeBelow: 0.3 must be < dRealAbove (0.2)"),
                Arguments.of("train: {loss: {type: ns, realLabel: 0.5}}\nmonitors:\n  alerts: {dFakeBelow: 0.5}\n",
                        "t.yaml:3: monitors.alerts.dFakeBelow: 0.5 must be < dRealAbove (0.475, auto for ns)"));
    }

    @ParameterizedTest
    @MethodSource("thresholdRejections")
    void thresholdsAreCheckedOnTheLossesScale(String yaml, String problem) {
        assertThat(problems(yaml)).isEqualTo(problem);
    }

    @Test
    void aPenaltyRefusesAnRreluDiscriminatorWhoseSlopesChangeEveryPass() {
        String yaml = "model:\n  discriminator: {activation: rrelu}\ntrain:\n  penalty: r1\n";
        assertThat(problems(yaml)).isEqualTo("t.yaml:4: train.penalty: r1 needs D's training forward pass to be "
                + "deterministic (its passes at nearby inputs must see one network), but "
                + "model.discriminator.activation rrelu draws new slopes at every pass; use leakyrelu there, or "
                + "penalty: none");
        assertThat(parse("model:\n  discriminator: {activation: rrelu}\n").model().discriminator().activation()
                .type()).isEqualTo(ActivationType.RRELU);
    }

    @Test
    void precisionIsFloat32ByDefaultAndBf16IsSpeltEitherWay() {
        assertThat(parse("train: {iterations: 5}\n").train().precision()).isEqualTo(Precision.FLOAT32);
        assertThat(parse("train: {precision: bf16}\n").train().precision()).isEqualTo(Precision.BF16);
        assertThat(parse("train: {precision: bf16-mixed}\n").train().precision()).isEqualTo(Precision.BF16);
        assertThat(reference("train.precision=bf16").train().precision()).isEqualTo(Precision.BF16);
        assertThat(problems("train: {precision: fp16}\n")).startsWith("t.yaml:1: train.precision: ")
                .contains("float32, bf16");
    }

    @Test
    void bf16RefusesAGradientPenaltyWhoseFiniteDifferencesNeedFloat32() {
        assertThat(problems("train:\n  precision: bf16\n  penalty: r1\n")).isEqualTo("t.yaml:2: train.precision: "
                + "bf16 cannot be used with a gradient penalty: the penalty's finite-difference Hessian-vector "
                + "product needs float32 gradients; set precision: float32 or penalty: none");
    }

    static Stream<TrainConfig> algorithms() {
        TrainConfig t = Defaults.train();
        InstanceNoiseConfig off = t.instanceNoise();
        return Stream.of(
                t.withAlgorithm(LossConfig.of(LossConfig.Type.WGAN), PenaltyConfig.wganGp(5, 2), List.of(), off),
                t.withAlgorithm(new LossConfig(LossConfig.Type.MINIMAX, 0.7), PenaltyConfig.r1(0.25, 1),
                        List.of("color"), new InstanceNoiseConfig(0.5, 1)),
                t.withAlgorithm(LossConfig.of(LossConfig.Type.HINGE), PenaltyConfig.none(),
                        List.of("cutout", "translation", "color"), off));
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void everyLossAndPenaltyRoundTripsThroughTheResolvedYaml(TrainConfig train) {
        RunConfig defaults = Defaults.run("a");
        RunConfig config = new RunConfig("a", defaults.data(), defaults.model(), train, defaults.output(),
                defaults.monitors());
        assertThat(ConfigLoader.parse(ConfigLoader.toYaml(config), "resolved.yaml", "a", List.of(), List.of()))
                .isEqualTo(config);
    }

    @Test
    void lossesAndPenaltiesAreWrittenAsMapsWithTheirTypesParameters() {
        RunConfig defaults = Defaults.run("a");
        TrainConfig hinge = defaults.train().withAlgorithm(LossConfig.of(LossConfig.Type.HINGE),
                PenaltyConfig.r1(0.5, 16), List.of(), defaults.train().instanceNoise());
        String yaml = ConfigLoader.toYaml(new RunConfig("a", defaults.data(), defaults.model(), hinge,
                defaults.output(), defaults.monitors()));
        assertThat(yaml).contains("  loss:\n    type: hinge\n  penalty:\n    type: r1\n    gamma: 0.5\n    every: 16\n");
    }
}
