package dev.jvmgan.augment;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One application of an {@link InputTransform}: the transformed batch, and the backward pass with the same random parameters. */
public interface Transformed {

    /** The transformed batch, a new array (the input is left alone), in the input's shape and data type. */
    INDArray images();

    /** dLoss/dInput from dLoss/dOutput: the transposed Jacobian of this very application, exact. */
    INDArray backward(INDArray dLossDOutput);
}
