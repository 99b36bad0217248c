package dev.jvmgan.train;

import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.loss.LossTerm;
import dev.jvmgan.loss.NonSaturating;
import dev.jvmgan.loss.Wasserstein;
import dev.jvmgan.penalty.GradientPenalty;
import dev.jvmgan.penalty.PenaltyValue;
import dev.jvmgan.penalty.R1Penalty;
import dev.jvmgan.penalty.WganGpPenalty;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The penalty phases in the loop: lazy R1 as StyleGAN2's {@code Dreg} (its own D update every k steps, after
 * {@code Dmain}, the penalty's gradient times k), and WGAN-GP in {@code Dboth} (the penalty first, then the critic's
 * loss, one update of their summed gradients).
 */
class PenaltyPhasesTest {

    /** D's twin: a copy of its parameters behind a seam of its own, to compute a term alone. */
    private static TrainableNetwork twin(TrainableNetwork d) {
        return TrainableNetworks.of(((MultiLayerNetwork) d.model()).clone());
    }

    /** Each pending gradient of {@code actual} is {@code expected}'s to a relative {@code tolerance} of its norm. */
    private static void assertClose(Map<String, INDArray> actual, Map<String, INDArray> expected, double tolerance) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, e) -> {
            double error = actual.get(key).castTo(DataType.DOUBLE).sub(e.castTo(DataType.DOUBLE)).norm2Number()
                    .doubleValue();
            assertThat(error).as(key).isLessThanOrEqualTo(tolerance * e.castTo(DataType.DOUBLE).norm2Number()
                    .doubleValue() + 1e-9);
        });
    }

    /** R1, watched: when it is called, with what gain, on a D with what pending, and what it added. */
    private static final class WatchedR1 implements GradientPenalty {
        final R1Penalty r1 = new R1Penalty(1.0);
        final List<Long> dUpdatesAtCall = new ArrayList<>();
        final List<Double> gains = new ArrayList<>();
        final List<Integer> pendingAtCall = new ArrayList<>();
        final List<Map<String, INDArray>> added = new ArrayList<>();
        final List<Map<String, INDArray>> unitGain = new ArrayList<>();

        @Override
        public PenaltyValue accumulate(TrainableNetwork d, INDArray real, INDArray fake, double gain) {
            dUpdatesAtCall.add(d.updateCount());
            gains.add(gain);
            pendingAtCall.add(d.pendingGradients().size());
            TrainableNetwork alone = twin(d);
            r1.accumulate(alone, real, fake, 1);
            unitGain.add(alone.pendingGradients());
            PenaltyValue value = r1.accumulate(d, real, fake, gain);
            added.add(d.pendingGradients());
            return value;
        }
    }

    @Test
    void lazyR1IsItsOwnDUpdateEveryKStepsAfterDmainWithItsGradientTimesK() {
        WatchedR1 r1 = new WatchedR1();
        TrainingSession session = TinyGan.session(1);
        List<Double> penalties = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession s, IterationStats stats) {
                penalties.add(stats.penalty());
            }
        };

        TinyGan.trainer(session, Algorithm.of(new NonSaturating(), 1, InputTransform.identity()).withPenalty(r1, 4),
                List.of(listener)).run(8);

        assertThat(r1.gains).containsExactly(4.0, 4.0);
        assertThat(r1.dUpdatesAtCall).as("after Dmain of steps 4 and 8: 4 Dmain, then 4 Dmain and 1 Dreg more")
                .containsExactly(4L, 9L);
        assertThat(r1.pendingAtCall).as("nothing pending: Dreg is an update of its own").containsExactly(0, 0);
        for (int i = 0; i < 2; i++) {
            Map<String, INDArray> timesK = new java.util.LinkedHashMap<>();
            r1.unitGain.get(i).forEach((key, g) -> timesK.put(key, g.mul(4)));
            assertClose(r1.added.get(i), timesK, 1e-6);
        }
        assertThat(session.discriminator().updateCount()).as("17 D updates per 16 steps: here 10 per 8")
                .isEqualTo(10);
        assertThat(session.generator().updateCount()).isEqualTo(8);
        assertThat(penalties).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(Double.isNaN(penalties.get(i))).as("iteration %d", i + 1).isEqualTo(i != 3 && i != 7);
        }
        assertThat(penalties.get(3)).isPositive();
    }

    /** WGAN-GP, watched: nothing pending when it is called, and what the penalty and the loss add, each alone. */
    private static final class WatchedGp implements GradientPenalty {
        final WganGpPenalty gp = new WganGpPenalty(10, 17);
        final Wasserstein critic = new Wasserstein();
        final List<Integer> pendingAtCall = new ArrayList<>();
        final List<Map<String, INDArray>> expectedUpdate = new ArrayList<>();
        final List<PenaltyValue> values = new ArrayList<>();

        @Override
        public PenaltyValue accumulate(TrainableNetwork d, INDArray real, INDArray fake, double gain) {
            pendingAtCall.add(d.pendingGradients().size());
            WganGpPenalty sameDraws = new WganGpPenalty(10, 0);
            sameDraws.restore(gp.state());
            TrainableNetwork penaltyAlone = twin(d);
            sameDraws.accumulate(penaltyAlone, real, fake, gain);
            TrainableNetwork lossAlone = twin(d);
            LossTerm onReal = critic.discriminatorOnReal(lossAlone.forward(real));
            lossAlone.backward(onReal.dLogits());
            LossTerm onFake = critic.discriminatorOnFake(lossAlone.forward(fake));
            lossAlone.backward(onFake.dLogits());
            Map<String, INDArray> sum = new java.util.LinkedHashMap<>();
            Map<String, INDArray> loss = lossAlone.pendingGradients();
            penaltyAlone.pendingGradients().forEach((key, p) -> sum.put(key, p.add(loss.get(key))));
            expectedUpdate.add(sum);
            PenaltyValue value = gp.accumulate(d, real, fake, gain);
            values.add(value);
            return value;
        }
    }

    @Test
    void wganGpIsAddedToEveryCriticUpdateBeforeTheCriticsLoss() {
        WatchedGp gp = new WatchedGp();
        TrainingSession session = TinyGan.session(2);
        List<Map<String, INDArray>> dGradients = new ArrayList<>();
        List<IterationStats> stats = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public boolean wantsInspection(long iteration) {
                return true;
            }

            @Override
            public void inspected(TrainingSession s, IterationStats st, Inspection inspection) {
                // Copied: the loop frees an inspection's arrays once the listeners have seen it.
                dGradients.add(Inspection.copy(inspection.dGradients()));
            }

            @Override
            public void iterationDone(TrainingSession s, IterationStats st) {
                stats.add(st);
            }
        };
        Algorithm algorithm = Algorithm.of(new Wasserstein(), 2, InputTransform.identity()).withPenalty(gp, 1);
        assertThat(algorithm.phaseNames()).containsExactly("Dboth/1", "Gmain/2");

        TinyGan.trainer(session, algorithm, List.of(listener)).run(3);

        assertThat(gp.pendingAtCall).as("every critic step, nothing pending yet").containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(session.discriminator().updateCount()).isEqualTo(6);
        assertThat(session.generator().updateCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            // An iteration is inspected at its last critic step, the second: calls 1, 3, 5.
            assertClose(dGradients.get(i), gp.expectedUpdate.get(2 * i + 1), 1e-5);
            assertThat(stats.get(i).penalty()).isEqualTo(gp.values.get(2 * i + 1).penalty());
            assertThat(stats.get(i).penaltyGradientNorm()).isEqualTo(gp.values.get(2 * i + 1).meanGradientNorm());
        }
    }
}
