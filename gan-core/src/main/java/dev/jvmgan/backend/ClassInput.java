package dev.jvmgan.backend;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * How a network takes its class labels, the one place that turns the seam's class indices into DL4J inputs and the
 * gradient of those inputs back into dLoss/d(main input):
 * <ul>
 *   <li>{@link #none()}: an unconditional network, fed the main input alone;</li>
 *   <li>{@link #secondInput}: a ComputationGraph with two inputs, the main one first and {@code onehot(y)}
 *       {@code [B, K]} second; the gradient is the first input's (DL4J's epsilon of that input vertex);</li>
 *   <li>{@link #appended}: a MultiLayerNetwork, which has one input: {@code onehot(y)} appended to the main input,
 *       as K more columns of a {@code [B, N]} input or K more channels (constant over height and width) of a
 *       {@code [B, C, H, W]} one; the gradient is the first N columns or C channels of the input's.</li>
 * </ul>
 */
abstract class ClassInput {
    private final int numClasses;

    private ClassInput(int numClasses) {
        this.numClasses = numClasses;
    }

    static ClassInput none() {
        return new ClassInput(0) {
            @Override
            INDArray[] inputs(INDArray input, int[] classes) {
                return new INDArray[]{input};
            }

            @Override
            INDArray mainGradient(INDArray fedGradient, long[] inputShape) {
                return fedGradient;
            }
        };
    }

    static ClassInput secondInput(int numClasses) {
        return new ClassInput(numClasses) {
            @Override
            INDArray[] inputs(INDArray input, int[] classes) {
                return new INDArray[]{input, oneHotLike(classes, input)};
            }

            @Override
            INDArray mainGradient(INDArray fedGradient, long[] inputShape) {
                return fedGradient;
            }
        };
    }

    static ClassInput appended(int numClasses) {
        return new ClassInput(numClasses) {
            @Override
            INDArray[] inputs(INDArray input, int[] classes) {
                INDArray labels = oneHotLike(classes, input);
                if (input.rank() == 4) {
                    long[] shape = input.shape();
                    labels = labels.reshape(shape[0], numClasses, 1, 1)
                            .repeat(2, shape[2]).repeat(3, shape[3]);
                } else if (input.rank() != 2) {
                    throw new IllegalArgumentException("a class-conditional MultiLayerNetwork takes [B, N] or "
                            + "[B, C, H, W] inputs, not " + Arrays.toString(input.shape()));
                }
                return new INDArray[]{Nd4j.concat(1, input, labels)};
            }

            @Override
            INDArray mainGradient(INDArray fedGradient, long[] inputShape) {
                return inputShape.length == 4
                        ? fedGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputShape[1]),
                                NDArrayIndex.all(), NDArrayIndex.all()).dup()
                        : fedGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputShape[1])).dup();
            }
        };
    }

    /** Number of classes; 0 for an unconditional network. */
    final int numClasses() {
        return numClasses;
    }

    /**
     * What the DL4J network is fed for {@code input} and one class per example.
     *
     * @throws IllegalArgumentException if classes are missing, given to an unconditional network, of another batch
     *                                  size, or out of [0, K)
     */
    final INDArray[] fed(INDArray input, int[] classes) {
        if (numClasses == 0 && classes != null) {
            throw new IllegalArgumentException("class labels given to a network that is not class-conditional");
        }
        if (numClasses > 0) {
            if (classes == null) {
                throw new IllegalArgumentException("a class-conditional network (" + numClasses
                        + " classes) needs a class label per example");
            }
            if (classes.length != input.size(0)) {
                throw new IllegalArgumentException(classes.length + " class labels for a batch of " + input.size(0));
            }
            for (int c : classes) {
                if (c < 0 || c >= numClasses) {
                    throw new IllegalArgumentException("class label " + c + " is not in [0, " + numClasses + ")");
                }
            }
        }
        return inputs(input, classes);
    }

    abstract INDArray[] inputs(INDArray input, int[] classes);

    /** dLoss/d(main input) from dLoss/d(what the network was fed); {@code inputShape} is the main input's in that pass. */
    abstract INDArray mainGradient(INDArray fedGradient, long[] inputShape);

    /** {@code [B, K]}: row b is 1 at column classes[b], in the main input's data type. */
    static INDArray oneHot(int[] classes, int numClasses, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray labels = Nd4j.zeros(type, classes.length, numClasses);
        for (int b = 0; b < classes.length; b++) {
            labels.putScalar(b, classes[b], 1.0);
        }
        return labels;
    }

    final INDArray oneHotLike(int[] classes, INDArray input) {
        return oneHot(classes, numClasses, input.dataType());
    }
}
