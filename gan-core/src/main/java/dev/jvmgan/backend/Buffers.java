package dev.jvmgan.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees the native memory of arrays whose owner is done with them, now instead of whenever the garbage collector
 * gets to their Java objects.
 *
 * <p>Why it matters: ND4J's arrays live outside the Java heap, and the collector does not see their size. A run's
 * heap holds a few tens of MB of Java objects, so a large array copied for the monitors or a sample grid can wait
 * for hundreds of iterations, and every freed block the native allocator cannot reuse at once (oneDNN's scratch
 * buffers are carved around it) pushes the process's resident memory up.
 *
 * <p>An array freed here must not be read again: ND4J then throws {@code IllegalStateException} ("closed before
 * call", "can't use DataBuffer once it was released") rather than read freed memory. Views, arrays in a workspace and
 * arrays already freed are left alone: their memory is not theirs to give back.
 */
public final class Buffers {
    private Buffers() {
    }

    /** Frees each array that owns its memory; nulls, views and workspace arrays are skipped. */
    public static void release(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array != null && !array.wasClosed() && array.closeable()) {
                array.close();
            }
        }
    }

    /** {@link #release(INDArray...)} of every array in the collection. */
    public static void release(Iterable<INDArray> arrays) {
        for (INDArray array : arrays) {
            release(array);
        }
    }

    /**
     * {@code temporary} unless it is {@code source} itself: {@code castTo}, {@code reshape} and friends return their
     * receiver when there is nothing to do, and that array is the caller's, not a temporary.
     */
    public static void releaseIfNot(INDArray source, INDArray temporary) {
        if (temporary != source) {
            release(temporary);
        }
    }
}
