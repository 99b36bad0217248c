package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.batchnorm.RunningStatistics;
import dev.jvmgan.loss.GanLoss;
import dev.jvmgan.loss.NonSaturating;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

/** The penalty's perturbed passes must not move batch norm's running statistics; D's own loss passes still do. */
class PenaltyRunningStatisticsTest {
    private static final TinyCritics[] WITH_BATCH_NORM = {TinyCritics.MLP_BATCH_NORM, TinyCritics.CONV_BATCH_NORM,
            TinyCritics.GRAPH_BATCH_NORM};

    @Test
    void penaltyUpdatesLeaveTheRunningStatisticsAlone() {
        for (TinyCritics critic : WITH_BATCH_NORM) {
            TrainableNetwork d = TrainableNetworks.of(critic.build());
            RunningStatistics stats = RunningStatistics.of(d.model());
            INDArray before = d.params().dup();
            INDArray real = critic.batch(3);
            new R1Penalty(5).accumulate(d, real, real, 16);
            d.applyUpdate();
            new WganGpPenalty(10, 4).accumulate(d, real, critic.batch(4), 1);
            d.applyUpdate();
            INDArray after = d.params();
            boolean trainedMoved = false;
            for (long i = 0; i < before.length(); i++) {
                if (stats.contains(i)) {
                    assertThat(after.getDouble(i)).as(critic + " running statistic at %d", i)
                            .isEqualTo(before.getDouble(i));
                } else {
                    trainedMoved |= after.getDouble(i) != before.getDouble(i);
                }
            }
            assertThat(stats.count()).isPositive();
            assertThat(trainedMoved).as(critic + ": the penalty trained nothing").isTrue();
        }
    }

    @Test
    void inOneUpdateWithDsLossTheyMoveExactlyAsTheLossAloneMovesThem() {
        GanLoss loss = new NonSaturating();
        for (TinyCritics critic : WITH_BATCH_NORM) {
            INDArray real = critic.batch(3);
            INDArray fake = critic.batch(4);
            TrainableNetwork withPenalty = TrainableNetworks.of(critic.build());
            TrainableNetwork lossOnly = TrainableNetworks.of(critic.build());
            new WganGpPenalty(10, 4).accumulate(withPenalty, real, fake, 1);
            for (TrainableNetwork d : new TrainableNetwork[]{withPenalty, lossOnly}) {
                d.backward(loss.discriminatorOnReal(d.forward(real)).dLogits());
                d.backward(loss.discriminatorOnFake(d.forward(fake)).dLogits());
                d.applyUpdate();
            }
            RunningStatistics stats = RunningStatistics.of(lossOnly.model());
            INDArray untouched = TrainableNetworks.of(critic.build()).params();
            for (long i = 0; i < untouched.length(); i++) {
                if (stats.contains(i)) {
                    assertThat(lossOnly.params().getDouble(i)).as(critic + ": the loss moves position %d", i)
                            .isNotEqualTo(untouched.getDouble(i));
                    assertThat(withPenalty.params().getDouble(i)).as(critic + " running statistic at %d", i)
                            .isEqualTo(lossOnly.params().getDouble(i));
                }
            }
        }
    }
}
