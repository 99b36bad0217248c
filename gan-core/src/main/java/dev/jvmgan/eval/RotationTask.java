package dev.jvmgan.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classification task for images without labels (Gidaris et al. 2018, rotation prediction): every image four
 * times, turned by 0, 90, 180 and 270 degrees anticlockwise, labelled 0 to 3. A network that tells the turns apart
 * must learn what upright images of the domain look like, which is what the feature network needs.
 *
 * @param images 4N images, NCHW: the N images turned by 0 degrees, then by 90, 180 and 270
 * @param labels the turn of each, 0 to 3
 */
public record RotationTask(INDArray images, int[] labels) {
    public static final int CLASSES = 4;

    /** The task of square {@code images} (NCHW). */
    public static RotationTask of(INDArray images) {
        long[] shape = images.shape();
        if (shape.length != 4 || shape[2] != shape[3]) {
            throw new IllegalArgumentException("need square NCHW images, got shape " + java.util.Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int planes = (int) (shape[0] * shape[1]);
        int side = (int) shape[2];
        float[] in = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[4 * in.length];
        int plane = side * side;
        for (int turn = 0; turn < 4; turn++) {
            int base = turn * in.length;
            for (int p = 0; p < planes; p++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        out[base + p * plane + y * side + x] = in[p * plane + source(turn, y, x, side)];
                    }
                }
            }
        }
        int[] labels = new int[4 * n];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / n;
        }
        return new RotationTask(Nd4j.create(out, new long[]{4L * n, shape[1], side, side}, 'c'), labels);
    }

    /** The index in the upright image of pixel (y, x) of the image turned {@code turn} times 90 degrees. */
    static int source(int turn, int y, int x, int side) {
        int last = side - 1;
        return switch (turn) {
            case 0 -> y * side + x;
            case 1 -> x * side + (last - y);          // anticlockwise: out(y, x) = in(x, last - y)
            case 2 -> (last - y) * side + (last - x);
            default -> (last - x) * side + y;         // 270: out(y, x) = in(last - x, y)
        };
    }
}
