package dev.jvmgan.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images handed out a batch at a time, so that scoring 10,000 of them never holds them all: real images decoded
 * into memory as bytes ({@link RealImages}), a generator's ({@link GeneratedImages}), or rotated copies for the
 * feature network's training ({@link RotationTask}). Every batch is float32 NCHW in [-1, 1], quantised to the 256
 * levels of an 8-bit image.
 */
public interface ImageSource {
    /** How many images there are; indices run from 0 to {@code count() - 1}. */
    int count();

    /** Channels of each image (1 grey, 3 RGB). */
    int channels();

    /** Side of the square images, in pixels. */
    int imageSize();

    /** The images at {@code index}, in that order: {@code [index.length, channels, size, size]}. */
    INDArray images(int[] index);

    /** Images {@code from} to {@code to - 1}. */
    default INDArray images(int from, int to) {
        int[] index = new int[to - from];
        for (int i = 0; i < index.length; i++) {
            index[i] = from + i;
        }
        return images(index);
    }
}
