package dev.jvmgan.data;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Images held in memory as uint8, {@code size x channels x imageSize x imageSize} (NCHW), already at the shape the
 * networks see, with their labels: what {@link IdxData} reads and {@link CachedFolder} decodes. {@link BatchSampler}
 * hands them out in batches, {@link #toArray} all at once.
 *
 * <pre>{@code
 * DecodedImages images = DecodedImages.of(pixels, 10, 1, 2, null, "test");   // ten 1x2x2 images, no labels
 * BatchSampler batches = new BatchSampler(images, 4, 42L);
 * }</pre>
 */
public final class DecodedImages {
    private final byte[] pixels;
    private final int size;
    private final int channels;
    private final int imageSize;
    private final int[] labels;
    private final List<String> classNames;
    private final String origin;

    private DecodedImages(byte[] pixels, int size, int channels, int imageSize, int[] labels, List<String> classNames,
                          String origin) {
        this.pixels = pixels;
        this.size = size;
        this.channels = channels;
        this.imageSize = imageSize;
        this.labels = labels;
        this.classNames = classNames != null ? List.copyOf(classNames) : labels == null ? List.of() : numbered(labels);
        this.origin = origin;
    }

    /**
     * Wraps pixels that are already in the final layout. The array is not copied.
     *
     * @param pixels uint8 NCHW, exactly {@code size * channels * imageSize * imageSize} long
     * @param labels one per image, or null
     */
    public static DecodedImages of(byte[] pixels, int size, int channels, int imageSize, int[] labels, String origin) {
        return of(pixels, size, channels, imageSize, labels, null, origin);
    }

    /**
     * @param classNames the name of each label value, or null for "0", "1", ... up to the largest label
     */
    public static DecodedImages of(byte[] pixels, int size, int channels, int imageSize, int[] labels,
                                   List<String> classNames, String origin) {
        if (size < 1 || imageSize < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("need size >= 1, imageSize >= 1, channels 1 or 3; got size = " + size
                    + ", imageSize = " + imageSize + ", channels = " + channels);
        }
        long expected = (long) size * channels * imageSize * imageSize;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels.length = " + pixels.length + " but " + size + " x "
                    + channels + " x " + imageSize + " x " + imageSize + " = " + expected);
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException("labels.length = " + labels.length + " but size = " + size);
        }
        return new DecodedImages(pixels, size, channels, imageSize, labels == null ? null : labels.clone(),
                classNames, origin);
    }

    /** Number of images. */
    public int size() {
        return size;
    }

    public int channels() {
        return channels;
    }

    /** Side of the square images, in pixels. */
    public int imageSize() {
        return imageSize;
    }

    /**
     * The name of each label value, index = label: a folder's class subfolders, or "0", "1", ... for IDX labels;
     * empty without labels.
     */
    public List<String> classNames() {
        return classNames;
    }

    private static List<String> numbered(int[] labels) {
        int max = Arrays.stream(labels).max().orElse(-1);
        return IntStream.rangeClosed(0, max).mapToObj(Integer::toString).toList();
    }

    /** A copy of the class labels, one per image (-1: no class), or null when the source has none. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** The configured path the images came from, for logs and error messages. */
    public String origin() {
        return origin;
    }

    /** One pixel value, 0..255. */
    public int pixel(int index, int channel, int y, int x) {
        return pixels[((index * channels + channel) * imageSize + y) * imageSize + x] & 0xFF;
    }

    /**
     * The first {@code limit} images (all when there are fewer) as one float32 {@code [N, C, S, S]} array in
     * {@code [-1, 1]}, with their labels, as {@link TrainingData#readAll} hands them out.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public LabelledImages toArray(int limit) {
        LabelledImages.requireLimit(limit);
        int count = Math.min(limit, size);
        int imageLength = channels * imageSize * imageSize;
        INDArray images = BatchArrays.allocate(count, channels, imageSize);
        // Image by image: a float[] of all of them would take four times the pixels' heap at once.
        FloatBuffer target = images.data().asNioFloat();
        float[] image = new float[imageLength];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < imageLength; p++) {
                image[p] = BatchArrays.UINT8_TO_UNIT[pixels[i * imageLength + p] & 0xFF];
            }
            target.put(image);
        }
        int[] firstLabels = labels == null ? new int[0] : Arrays.copyOf(labels, count);
        return new LabelledImages(images, firstLabels, classNames);
    }

    /** The backing array, shared with {@link BatchSampler} and {@link DecodedCache}; never handed out publicly. */
    byte[] pixels() {
        return pixels;
    }
}
