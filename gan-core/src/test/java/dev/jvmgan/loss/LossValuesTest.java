package dev.jvmgan.loss;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Each loss's three terms on logits chosen so that the values can be worked out on paper: sigmoid(0) = 1/2,
 * sigmoid(ln 3) = 3/4, softplus(0) = ln 2, softplus(ln 3) = ln 4, softplus(-ln 3) = ln(4/3).
 */
class LossValuesTest {
    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);
    private static final double TOL = 1e-12;

    private static INDArray column(double... values) {
        return Nd4j.create(values, new long[]{values.length, 1});
    }

    private static void assertTerm(LossTerm term, double loss, double[] dLogits, double meanOutput) {
        assertThat(term.loss()).isCloseTo(loss, within(TOL));
        assertThat(term.dLogits().toDoubleVector()).containsExactly(dLogits, within(TOL));
        assertThat(term.meanOutput()).isCloseTo(meanOutput, within(TOL));
    }

    @Test
    void nonSaturatingWithOneSidedSmoothing() {
        NonSaturating ns = new NonSaturating(0.9);
        INDArray logits = column(0, LN3);
        // BCE(x, 0.9) = softplus(x) - 0.9 x: ln 2 and ln 4 - 0.9 ln 3; gradients (1/2 - 0.9)/2, (3/4 - 0.9)/2
        assertTerm(ns.discriminatorOnReal(logits), (LN2 + 2 * LN2 - 0.9 * LN3) / 2, new double[]{-0.2, -0.075}, 0.625);
        // Fakes keep target 0: softplus(x); gradients sigmoid(x)/2
        assertTerm(ns.discriminatorOnFake(logits), 1.5 * LN2, new double[]{0.25, 0.375}, 0.625);
        // G keeps target 1: softplus(-x) = ln 2, ln(4/3); gradients (sigmoid(x) - 1)/2
        assertTerm(ns.generator(logits), (LN2 + 2 * LN2 - LN3) / 2, new double[]{-0.25, -0.125}, 0.625);
    }

    @Test
    void nonSaturatingWithoutSmoothingHasTargetOne() {
        assertTerm(new NonSaturating().discriminatorOnReal(column(0, LN3)), (LN2 + 2 * LN2 - LN3) / 2,
                new double[]{-0.25, -0.125}, 0.625);
    }

    @Test
    void minimaxGeneratorIsTheNegatedFakeTerm() {
        Minimax minimax = new Minimax();
        INDArray logits = column(0, LN3);
        // log(1 - sigmoid(x)) = -softplus(x): -(ln 2 + ln 4)/2; gradient -sigmoid(x)/2
        assertTerm(minimax.generator(logits), -1.5 * LN2, new double[]{-0.25, -0.375}, 0.625);
        assertTerm(minimax.discriminatorOnFake(logits), 1.5 * LN2, new double[]{0.25, 0.375}, 0.625);
        assertTerm(new Minimax(0.9).discriminatorOnReal(logits), (3 * LN2 - 0.9 * LN3) / 2,
                new double[]{-0.2, -0.075}, 0.625);
    }

    @Test
    void leastSquaresHalvesTheSquaredResiduals() {
        INDArray outputs = column(1.5, -0.5);
        LeastSquares lsgan = new LeastSquares();
        // real, b = 1: residuals 0.5, -1.5 -> (0.125 + 1.125)/2
        assertTerm(lsgan.discriminatorOnReal(outputs), 0.625, new double[]{0.25, -0.75}, 0.5);
        // fake, a = 0: residuals 1.5, -0.5
        assertTerm(lsgan.discriminatorOnFake(outputs), 0.625, new double[]{0.75, -0.25}, 0.5);
        // G, c = 1: as real
        assertTerm(lsgan.generator(outputs), 0.625, new double[]{0.25, -0.75}, 0.5);
        // smoothed b = 0.9: residuals 0.6, -1.4 -> (0.18 + 0.98)/2; G's c stays 1
        LeastSquares smoothed = new LeastSquares(0.9);
        assertTerm(smoothed.discriminatorOnReal(outputs), 0.58, new double[]{0.3, -0.7}, 0.5);
        assertTerm(smoothed.generator(outputs), 0.625, new double[]{0.25, -0.75}, 0.5);
    }

    @Test
    void hingeLearnsOnlyInsideTheMargin() {
        Hinge hinge = new Hinge();
        // relu(1 - x) for x = 2, 0.5, -1: 0, 0.5, 2
        assertTerm(hinge.discriminatorOnReal(column(2, 0.5, -1)), 2.5 / 3, new double[]{0, -1.0 / 3, -1.0 / 3}, 0.5);
        // relu(1 + x) for x = 2, 0.5, -1.5: 3, 1.5, 0
        assertTerm(hinge.discriminatorOnFake(column(2, 0.5, -1.5)), 1.5, new double[]{1.0 / 3, 1.0 / 3, 0}, 1.0 / 3);
        assertTerm(hinge.generator(column(2, 0.5, -1.5)), -1.0 / 3, new double[]{-1.0 / 3, -1.0 / 3, -1.0 / 3},
                1.0 / 3);
    }

    @Test
    void hingeTakesZeroGradientAtTheKink() {
        Hinge hinge = new Hinge();
        assertThat(hinge.discriminatorOnReal(column(1)).dLogits().getDouble(0)).isEqualTo(0.0);
        assertThat(hinge.discriminatorOnFake(column(-1)).dLogits().getDouble(0)).isEqualTo(0.0);
    }

    @Test
    void wassersteinIsTheDifferenceOfMeans() {
        Wasserstein wgan = new Wasserstein();
        assertTerm(wgan.discriminatorOnReal(column(3, -1)), -1, new double[]{-0.5, -0.5}, 1);
        assertTerm(wgan.discriminatorOnFake(column(3, -1)), 1, new double[]{0.5, 0.5}, 1);
        assertTerm(wgan.generator(column(4, 0)), -2, new double[]{-0.5, -0.5}, 2);
        // A common shift of the critic leaves D's loss unchanged: only differences mean something.
        double before = wgan.discriminatorOnReal(column(3, -1)).loss() + wgan.discriminatorOnFake(column(0, 2)).loss();
        double after = wgan.discriminatorOnReal(column(13, 9)).loss() + wgan.discriminatorOnFake(column(10, 12)).loss();
        assertThat(after).isCloseTo(before, within(TOL));
    }

    @Test
    void keepsShapeAndDataTypeOfTheOutputs() {
        INDArray patchOutputs = Nd4j.create(DataType.FLOAT, 2, 1, 3, 3).assign(0.25);
        for (GanLoss loss : AllLosses.each()) {
            LossTerm term = loss.generator(patchOutputs);
            assertThat(term.dLogits().dataType()).as(loss.name()).isEqualTo(DataType.FLOAT);
            assertThat(term.dLogits().shape()).as(loss.name()).containsExactly(2, 1, 3, 3);
        }
    }

    @Test
    void rejectsLabelsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new NonSaturating(0)).hasMessageContaining("realLabel");
        assertThatThrownBy(() -> new LeastSquares(1.1)).hasMessageContaining("realLabel");
        assertThatThrownBy(() -> new Minimax(Double.NaN)).hasMessageContaining("realLabel");
        assertThatThrownBy(() -> new Hinge().generator(Nd4j.create(DataType.DOUBLE, 0, 1)))
                .hasMessageContaining("at least one output");
    }

    @Test
    void stableForExtremeLogits() {
        INDArray logits = column(-1000, 1000);
        assertThat(new NonSaturating().generator(logits).loss()).isCloseTo(500, within(1e-9));
        assertThat(new Minimax().generator(logits).loss()).isCloseTo(-500, within(1e-9));
    }
}
