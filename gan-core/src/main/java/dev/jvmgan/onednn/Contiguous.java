package dev.jvmgan.onednn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Arrays as oneDNN's plain layouts need them: contiguous, C order. */
public final class Contiguous {
    private Contiguous() {
    }

    /** The array itself if it is contiguous in C order, else a copy that is (in the current workspace). */
    public static INDArray of(INDArray array) {
        return is(array) ? array : array.dup('c');
    }

    /** Whether the elements lie one after another in C order (the stride of a dimension of size 1 is irrelevant). */
    public static boolean is(INDArray array) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return !array.isEmpty();
    }
}
