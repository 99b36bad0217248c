package dev.jvmgan.loss;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every term of every loss: dLogits against central differences of the loss itself, in double precision. */
class LossGradientTest {
    /** Away from hinge's kinks at +-1, and wide enough to reach the sigmoids' tails. */
    private static final double[] LOGITS = {-6.0, -1.7, -0.4, 0.0, 0.3, 1.4, 4.5};
    private static final double H = 1e-6;

    private static final List<BiFunction<GanLoss, INDArray, LossTerm>> TERMS = List.of(
            GanLoss::discriminatorOnReal, GanLoss::discriminatorOnFake, GanLoss::generator);

    @Test
    void everyTermMatchesFiniteDifferences() {
        for (GanLoss loss : AllLosses.each()) {
            for (int t = 0; t < TERMS.size(); t++) {
                BiFunction<GanLoss, INDArray, LossTerm> term = TERMS.get(t);
                INDArray analytic = term.apply(loss, column(LOGITS)).dLogits();
                for (int i = 0; i < LOGITS.length; i++) {
                    double[] plus = LOGITS.clone();
                    double[] minus = LOGITS.clone();
                    plus[i] += H;
                    minus[i] -= H;
                    double numeric = (term.apply(loss, column(plus)).loss() - term.apply(loss, column(minus)).loss())
                            / (2 * H);
                    assertThat(analytic.getDouble(i)).as("%s term %d logit %s", describe(loss), t, LOGITS[i])
                            .isCloseTo(numeric, within(1e-9));
                }
            }
        }
    }

    private static String describe(GanLoss loss) {
        return loss.name() + (loss instanceof NonSaturating ns ? "(" + ns.realLabel() + ")"
                : loss instanceof Minimax m ? "(" + m.realLabel() + ")"
                : loss instanceof LeastSquares l ? "(" + l.realLabel() + ")" : "");
    }

    private static INDArray column(double[] values) {
        return Nd4j.create(values, new long[]{values.length, 1});
    }
}
