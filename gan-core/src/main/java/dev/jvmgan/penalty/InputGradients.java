package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * g = grad_X sum_b D(X)_b at a batch, from a training-mode forward pass and D's input gradient for dLoss/dOutput = 1
 * (D's adversarial output only, column 0, when D also outputs class logits: {@link AdversarialColumn}),
 * with the per-sample norms ||g_b|| (over all of a sample's channels and pixels).
 *
 * @param gradient g, of X's shape
 * @param norms    ||g_b||, computed in double
 */
record InputGradients(INDArray gradient, double[] norms) {

    static InputGradients of(TrainableNetwork d, INDArray at) {
        INDArray output = d.forward(at);
        INDArray g = d.inputGradient(AdversarialColumn.ones(output));
        INDArray rows = g.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape('c', g.size(0), -1);
        double[] norms = rows.norm2(1).toDoubleVector();
        return new InputGradients(g, norms);
    }

    int batch() {
        return norms.length;
    }

    double meanNorm() {
        double sum = 0;
        for (double n : norms) {
            sum += n;
        }
        return sum / norms.length;
    }

    /** V with V_b = factor[b] g_b, in g's data type. */
    INDArray scaledRows(double[] factor) {
        INDArray rows = gradient.reshape('c', gradient.size(0), -1);
        INDArray column = Nd4j.create(factor, new long[]{factor.length, 1}).castTo(gradient.dataType());
        return rows.mulColumnVector(column).reshape('c', gradient.shape());
    }
}
