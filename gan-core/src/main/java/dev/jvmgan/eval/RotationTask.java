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
            throw new IllegalArgumentException("need square NCHW images, got shape "
                    + java.util.Arrays.toString(shape));
        }
        int n = (int) shape[0];
        float[] in = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[4 * in.length];
        int imageLength = in.length / n;
        for (int turn = 0; turn < 4; turn++) {
            for (int i = 0; i < n; i++) {
                turn(in, i * imageLength, out, (turn * n + i) * imageLength, (int) shape[1], (int) shape[2], turn);
            }
        }
        return new RotationTask(Nd4j.create(out, new long[]{4L * n, shape[1], shape[2], shape[3]}, 'c'), labels(n));
    }

    /**
     * The task over images read a batch at a time, for data too large to hold four times: image {@code i} of the
     * result is upright image {@code i % n} turned {@code i / n} times, so its label is {@code labels(n)[i]}.
     */
    public static ImageSource of(ImageSource upright) {
        return new Turned(upright);
    }

    /** The labels of the task of n images: n zeros, n ones, n twos, n threes. */
    public static int[] labels(int n) {
        int[] labels = new int[4 * n];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / n;
        }
        return labels;
    }

    /** Writes one image of {@code channels} square planes turned {@code turn} quarter turns anticlockwise. */
    private static void turn(float[] in, int from, float[] out, int to, int channels, int side, int turn) {
        int plane = side * side;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    out[to + c * plane + y * side + x] = in[from + c * plane + source(turn, y, x, side)];
                }
            }
        }
    }

    private record Turned(ImageSource upright) implements ImageSource {
        @Override
        public int count() {
            return 4 * upright.count();
        }

        @Override
        public int channels() {
            return upright.channels();
        }

        @Override
        public int imageSize() {
            return upright.imageSize();
        }

        @Override
        public INDArray images(int[] index) {
            int n = upright.count();
            int[] sources = new int[index.length];
            for (int i = 0; i < index.length; i++) {
                sources[i] = index[i] % n;
            }
            float[] in = upright.images(sources).castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] out = new float[in.length];
            int imageLength = in.length / index.length;
            for (int i = 0; i < index.length; i++) {
                turn(in, i * imageLength, out, i * imageLength, channels(), imageSize(), index[i] / n);
            }
            return Nd4j.create(out, new long[]{index.length, channels(), imageSize(), imageSize()}, 'c');
        }
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
