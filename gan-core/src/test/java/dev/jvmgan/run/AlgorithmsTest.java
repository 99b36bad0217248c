package dev.jvmgan.run;

import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.InstanceNoiseConfig;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.PenaltyConfig;
import dev.jvmgan.config.TrainConfig;
import dev.jvmgan.loss.GanLoss;
import dev.jvmgan.loss.LossTerm;
import dev.jvmgan.loss.OutputScale;
import dev.jvmgan.loss.OverpowerThresholds;
import dev.jvmgan.train.Resumable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The algorithm a {@code train} section describes: its loss, phases, D optimiser and random streams. */
class AlgorithmsTest {
    private static final TrainConfig DEFAULTS = Defaults.train();
    private static final InstanceNoiseConfig NO_NOISE = DEFAULTS.instanceNoise();

    private static TrainConfig with(LossConfig loss, PenaltyConfig penalty, List<String> augment,
                                    InstanceNoiseConfig noise) {
        return DEFAULTS.withAlgorithm(loss, penalty, augment, noise);
    }

    @ParameterizedTest
    @EnumSource(LossConfig.Type.class)
    void theConfigsViewOfEachLossIsTheLossObjects(LossConfig.Type type) {
        for (double realLabel : type.hasLabels() ? new double[]{1, 0.9} : new double[]{1}) {
            LossConfig config = new LossConfig(type, realLabel);
            GanLoss loss = Algorithms.loss(config);
            assertThat(loss.name()).isEqualTo(type.yamlName());
            assertThat(loss.outputScale() == OutputScale.PROBABILITY)
                    .isEqualTo(type.outputs() == LossConfig.Outputs.PROBABILITY);
            assertThat(loss.overpowering().isEmpty()).isEqualTo(type.outputs() == LossConfig.Outputs.CRITIC);
            assertThat(loss.overpowering().map(t -> List.of(t.realAbove(), t.fakeBelow())))
                    .isEqualTo(config.overpowering().map(t -> List.of(t.realAbove(), t.fakeBelow())));
        }
    }

    @ParameterizedTest
    @EnumSource(value = LossConfig.Type.class, names = {"NS", "MINIMAX", "LSGAN"})
    void labelSmoothingChangesOnlyDsTargetForRealImages(LossConfig.Type type) {
        INDArray logits = Nd4j.create(new double[]{-2.5, -0.3, 0.0, 0.4, 3.0}, new long[]{5, 1});
        GanLoss plain = Algorithms.loss(LossConfig.of(type));
        GanLoss smoothed = Algorithms.loss(new LossConfig(type, 0.9));

        LossTerm realPlain = plain.discriminatorOnReal(logits);
        LossTerm realSmoothed = smoothed.discriminatorOnReal(logits);
        // Every loss with labels has dL/dx = (f(x) - target) / n on real images: the target moves by 0.1.
        for (int i = 0; i < 5; i++) {
            assertThat(realSmoothed.dLogits().getDouble(i) - realPlain.dLogits().getDouble(i))
                    .as("%s output %d", type, i).isCloseTo(0.1 / 5, within(1e-12));
        }
        assertThat(smoothed.discriminatorOnFake(logits)).isEqualTo(plain.discriminatorOnFake(logits));
        assertThat(smoothed.generator(logits)).isEqualTo(plain.generator(logits));
    }

    @Test
    void thePhasesFollowThePenalty() {
        assertThat(Algorithms.of(DEFAULTS, Seeds.of(1)).algorithm().phaseNames()).containsExactly("Dmain/1", "Gmain/1");
        TrainConfig k = new TrainConfig(10, 4, 5, 1, DEFAULTS.g(), DEFAULTS.d());
        assertThat(Algorithms.of(k.withAlgorithm(LossConfig.of(LossConfig.Type.WGAN), PenaltyConfig.wganGp(10, 1),
                List.of(), NO_NOISE), Seeds.of(1)).algorithm().phaseNames()).containsExactly("Dboth/1", "Gmain/5");
        assertThat(Algorithms.of(with(LossConfig.of(LossConfig.Type.NS), PenaltyConfig.r1(0.1, 16), List.of(),
                NO_NOISE), Seeds.of(1)).algorithm().phaseNames()).containsExactly("Dmain/1", "Dreg/16", "Gmain/1");
    }

    @Test
    void eachRandomPartThatIsOnIsCheckpointedAndNoOther() {
        assertThat(Algorithms.of(DEFAULTS, Seeds.of(1)).state()).isEmpty();
        TrainConfig all = with(LossConfig.of(LossConfig.Type.WGAN), PenaltyConfig.wganGp(10, 1),
                List.of("color", "cutout"), new InstanceNoiseConfig(0.1, 100));
        assertThat(Algorithms.of(all, Seeds.of(1)).state()).extracting(Resumable::stateName)
                .containsExactly("diffAugment", "instanceNoise", "wganGp");
        TrainConfig r1 = with(LossConfig.of(LossConfig.Type.NS), PenaltyConfig.r1(1, 16), List.of(), NO_NOISE);
        assertThat(Algorithms.of(r1, Seeds.of(1)).state()).as("R1 draws nothing").isEmpty();
    }

    @Test
    void aLazyPenaltyScalesDsAdamAsStyleGan2AndNothingElseDoes() {
        OptimizerConfig d = new OptimizerConfig("adam", 2e-4, 0.5, 0.999);
        TrainConfig base = new TrainConfig(10, 4, 1, 1, d, d);
        OptimizerConfig lazy = Algorithms.discriminatorOptimizer(base.withAlgorithm(LossConfig.of(LossConfig.Type.NS),
                PenaltyConfig.r1(1, 16), List.of(), NO_NOISE));
        double c = 16.0 / 17;
        assertThat(lazy.lr()).isCloseTo(2e-4 * c, within(1e-18));
        assertThat(lazy.beta1()).isCloseTo(Math.pow(0.5, c), within(1e-15));
        assertThat(lazy.beta2()).isCloseTo(Math.pow(0.999, c), within(1e-15));
        assertThat(Algorithms.discriminatorOptimizer(base.withAlgorithm(LossConfig.of(LossConfig.Type.WGAN),
                PenaltyConfig.wganGp(10, 1), List.of(), NO_NOISE))).isSameAs(d);
        assertThat(Algorithms.discriminatorOptimizer(base)).isSameAs(d);
    }

    @Test
    void theOverpoweringThresholdsOfASmoothedLossFollowItsTarget() {
        OverpowerThresholds t = Algorithms.loss(new LossConfig(LossConfig.Type.NS, 0.9)).overpowering().orElseThrow();
        assertThat(t.realAbove()).isCloseTo(0.855, within(1e-12));
        assertThat(t.fakeBelow()).isEqualTo(0.05);
    }
}
