package dev.jvmgan.penalty;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The direction dLoss/dOutput that differentiates {@code sum_b D(X)_b}, D's adversarial output, for the penalties:
 * ones where D outputs one value per sample; where D also outputs class logits after it ({@code [B, 1 + K]},
 * ACGAN's auxiliary classifier), ones in column 0 and zeros in the class columns, which no penalty constrains.
 */
final class AdversarialColumn {
    private AdversarialColumn() {
    }

    /** A new array of the output's shape and type: all ones, or ones in column 0 of a {@code [B, 1 + K]} output. */
    static INDArray ones(INDArray output) {
        if (output.rank() != 2 || output.size(1) == 1) {
            return Nd4j.onesLike(output);
        }
        INDArray direction = Nd4j.zeros(output.dataType(), output.shape());
        direction.getColumn(0).assign(1);
        return direction;
    }
}
