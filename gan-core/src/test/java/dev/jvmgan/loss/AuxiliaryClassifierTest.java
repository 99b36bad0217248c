package dev.jvmgan.loss;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * ACGAN's class term: values against a hand computation, every term's gradient against central differences of its
 * loss in double precision, for each wrapped loss, and D's term on fakes without the class part.
 */
class AuxiliaryClassifierTest {
    /** Two images, K = 3: [adversarial, c_0, c_1, c_2] per row. */
    private static final double[][] OUTPUTS = {{0.5, 2.0, 0.0, -1.0}, {-1.2, 0.3, 0.3, 1.1}};
    private static final int[] CLASSES = {0, 2};
    private static final double H = 1e-6;

    @Test
    void theClassTermIsTheWeightedMeanCrossEntropyOnTopOfTheAdversarialLoss() {
        NonSaturating ns = new NonSaturating();
        AuxiliaryClassifier ac = new AuxiliaryClassifier(ns, 0.5);
        // By hand: CE(c, y) = log(sum_k e^c_k) - c_y.
        double ce0 = Math.log(Math.exp(2.0) + Math.exp(0.0) + Math.exp(-1.0)) - 2.0;
        double ce1 = Math.log(2 * Math.exp(0.3) + Math.exp(1.1)) - 1.1;
        double adversarialReal = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(1.2))) / 2;   // BCE(a, 1)
        double adversarialFake = (Math.log1p(Math.exp(0.5)) + Math.log1p(Math.exp(-1.2))) / 2;   // BCE(a, 0)

        LossTerm real = ac.discriminatorOnReal(outputs(), CLASSES);
        LossTerm fake = ac.discriminatorOnFake(outputs(), CLASSES);
        LossTerm forG = ac.generator(outputs(), CLASSES);

        assertThat(real.loss()).isCloseTo(adversarialReal + 0.5 * (ce0 + ce1) / 2, within(1e-12));
        assertThat(fake.loss()).as("D does not classify fakes").isCloseTo(adversarialFake, within(1e-12));
        assertThat(forG.loss()).isCloseTo(adversarialReal + 0.5 * (ce0 + ce1) / 2, within(1e-12));
        // The monitors' figure is the wrapped loss's, of column 0 alone.
        assertThat(real.meanOutput()).isEqualTo(ns.discriminatorOnReal(ac.adversarial(outputs())).meanOutput());
        assertThat(ac.adversarial(outputs()).toDoubleVector()).containsExactly(0.5, -1.2);
        // Class gradient of sample 0: (softmax - onehot(0)) * weight / B.
        double z = Math.exp(2.0) + 1 + Math.exp(-1.0);
        assertThat(real.dLogits().getDouble(0, 1)).isCloseTo((Math.exp(2.0) / z - 1) * 0.5 / 2, within(1e-12));
        assertThat(real.dLogits().getDouble(0, 2)).isCloseTo((1 / z) * 0.5 / 2, within(1e-12));
        // Sample 0's largest class logit is class 0 (right), sample 1's is class 2 (right); a plain loss has none.
        assertThat(real.classAccuracy()).isEqualTo(1.0);
        assertThat(ac.generator(outputs(), new int[] {1, 2}).classAccuracy()).isEqualTo(0.5);
        assertThat(fake.classAccuracy()).isNaN();
        assertThat(ns.discriminatorOnReal(ac.adversarial(outputs())).classAccuracy()).isNaN();
        assertThat(fake.dLogits().getRow(0).toDoubleVector()).containsExactly(
                ns.discriminatorOnFake(ac.adversarial(outputs())).dLogits().getDouble(0), 0, 0, 0);
    }

    @Test
    void everyTermMatchesFiniteDifferencesForEveryWrappedLoss() {
        List<TermOf> terms = List.of(
                (loss, out) -> loss.discriminatorOnReal(out, CLASSES),
                (loss, out) -> loss.discriminatorOnFake(out, CLASSES),
                (loss, out) -> loss.generator(out, CLASSES));
        for (GanLoss wrapped : AllLosses.each()) {
            AuxiliaryClassifier ac = new AuxiliaryClassifier(wrapped, 1.3);
            for (int t = 0; t < terms.size(); t++) {
                INDArray analytic = terms.get(t).apply(ac, outputs()).dLogits();
                assertThat(analytic.shape()).containsExactly(2, 4);
                for (int b = 0; b < OUTPUTS.length; b++) {
                    for (int j = 0; j < OUTPUTS[b].length; j++) {
                        double numeric = (terms.get(t).apply(ac, shifted(b, j, H)).loss()
                                - terms.get(t).apply(ac, shifted(b, j, -H)).loss()) / (2 * H);
                        assertThat(analytic.getDouble(b, j)).as("%s term %d output [%d, %d]", wrapped.name(), t, b, j)
                                .isCloseTo(numeric, within(1e-8));
                    }
                }
            }
        }
    }

    @Test
    void theGradientHasTheOutputsDataTypeAndLargeLogitsDoNotOverflow() {
        INDArray floats = Nd4j.create(new float[] {0.1f, 900f, -900f, 0f, 0.2f, -900f, 0f, 900f}, new long[] {2, 4});
        LossTerm term = new AuxiliaryClassifier(new Hinge(), 1).discriminatorOnReal(floats, new int[] {0, 1});
        assertThat(term.dLogits().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Double.isFinite(term.loss())).isTrue();
        // Sample 0 is sure of its class (cross-entropy 0); sample 1's class has logit 0 against 900: 900. Mean 450.
        assertThat(term.loss()).isCloseTo(new Hinge().discriminatorOnReal(floats.getColumn(0, true)).loss() + 450,
                within(1e-6));
    }

    @Test
    void itRefusesMissingClassesAndOutputsWithoutClassColumns() {
        AuxiliaryClassifier ac = new AuxiliaryClassifier(new NonSaturating(), 1);
        assertThatThrownBy(() -> ac.discriminatorOnReal(outputs())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ac.generator(outputs(), null)).hasMessageContaining("one class per image");
        assertThatThrownBy(() -> ac.generator(outputs(), new int[] {0, 3})).hasMessageContaining("class 3");
        assertThatThrownBy(() -> ac.generator(Nd4j.zeros(2, 1), CLASSES)).hasMessageContaining("[batch, 1 + K]");
        assertThatThrownBy(() -> new AuxiliaryClassifier(new NonSaturating(), 0)).hasMessageContaining("> 0");
    }

    @FunctionalInterface
    private interface TermOf {
        LossTerm apply(GanLoss loss, INDArray outputs);
    }

    private static INDArray outputs() {
        return Nd4j.create(OUTPUTS);
    }

    private static INDArray shifted(int b, int j, double h) {
        INDArray out = outputs();
        out.putScalar(b, j, OUTPUTS[b][j] + h);
        return out;
    }
}
