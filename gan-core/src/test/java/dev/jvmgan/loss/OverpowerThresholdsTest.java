package dev.jvmgan.loss;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code d-overpowering} thresholds each loss suggests fit that loss: a D that has descended its own loss on
 * separable batches trips them, an undecided D (every output 0) does not. With one-sided smoothing at 0.9 the
 * sigmoid losses' D settles at D(x) = 0.9, below the unsmoothed 0.95, so a fixed threshold would never fire.
 */
class OverpowerThresholdsTest {

    @Test
    void aDThatWonTripsTheThresholdsAnUndecidedOneDoesNot() {
        for (GanLoss loss : AllLosses.each()) {
            if (loss.overpowering().isEmpty()) {
                continue;
            }
            OverpowerThresholds t = loss.overpowering().get();
            double real = descend(x -> loss.discriminatorOnReal(Nd4j.create(new double[]{x}, new long[]{1, 1})));
            double fake = descend(x -> loss.discriminatorOnFake(Nd4j.create(new double[]{x}, new long[]{1, 1})));
            double dReal = loss.discriminatorOnReal(Nd4j.create(new double[]{real}, new long[]{1, 1})).meanOutput();
            double dFake = loss.discriminatorOnFake(Nd4j.create(new double[]{fake}, new long[]{1, 1})).meanOutput();
            assertThat(dReal).as(loss.name() + " D(x) of a winning D").isGreaterThan(t.realAbove());
            assertThat(dFake).as(loss.name() + " D(G(z)) of a winning D").isLessThan(t.fakeBelow());

            double undecidedReal = loss.discriminatorOnReal(Nd4j.zeros(1, 1).castTo(
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE)).meanOutput();
            double undecidedFake = loss.discriminatorOnFake(Nd4j.zeros(1, 1).castTo(
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE)).meanOutput();
            assertThat(undecidedReal > t.realAbove() && undecidedFake < t.fakeBelow()).as(loss.name()).isFalse();
        }
    }

    @Test
    void aCriticHasNoAbsoluteThresholds() {
        assertThat(new Wasserstein().overpowering()).isEmpty();
        assertThat(new Wasserstein().outputScale()).isEqualTo(OutputScale.RAW);
        assertThat(new NonSaturating().outputScale()).isEqualTo(OutputScale.PROBABILITY);
    }

    @Test
    void thresholdsMustBeOrdered() {
        assertThatThrownBy(() -> new OverpowerThresholds(0.05, 0.95)).hasMessageContaining("fakeBelow < realAbove");
    }

    /** Gradient descent of one D output on one loss term, from 0: where D's training takes that output. */
    private static double descend(Function<Double, LossTerm> term) {
        double x = 0;
        for (int step = 0; step < 300; step++) {
            x -= 0.3 * term.apply(x).dLogits().getDouble(0);
        }
        return x;
    }
}
