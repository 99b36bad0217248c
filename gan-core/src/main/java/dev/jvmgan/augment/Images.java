package dev.jvmgan.augment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A batch [B, C, H, W] as a row-major double array on the host, where the per-sample geometry of the augmentations
 * is plain index arithmetic: element (b, c, i, j) is at {@code ((b C + c) H + i) W + j}.
 */
record Images(double[] values, int batch, int channels, int height, int width) {

    static Images of(INDArray array) {
        if (array.rank() != 4) {
            throw new IllegalArgumentException("DiffAugment works on images [batch, channels, height, width], got "
                    + "shape " + Arrays.toString(array.shape()));
        }
        return new Images(array.dup('c').data().asDouble(), (int) array.size(0), (int) array.size(1),
                (int) array.size(2), (int) array.size(3));
    }

    INDArray toArray(DataType type) {
        return Nd4j.create(values, new long[]{batch, channels, height, width}, 'c').castTo(type);
    }

    int plane() {
        return height * width;
    }

    /** Index of element (b, c, 0, 0). */
    int start(int b, int c) {
        return (b * channels + c) * plane();
    }
}
