package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Training images held in memory as uint8, {@code size x channels x imageSize x imageSize} (NCHW), already at
 * the shape the networks see. Convert to float batches with {@link BatchSampler}.
 *
 * <pre>{@code
 * ImageDataset data = ImageDataset.open(new DataConfig(DataSource.IDX, DataConfig.EMBEDDED_FASHION_MNIST, 28, 1));
 * BatchSampler batches = new BatchSampler(data, 64, 42L);
 * }</pre>
 *
 * <p>IDX images are 28x28 grey; for another {@code imageSize} they go through the same crop-and-scale as folder
 * images, and with {@code channels: 3} the grey value is copied to R, G and B. Labels come from the IDX labels
 * file next to the images file ({@code train-images-idx3-ubyte.gz} pairs with {@code train-labels-idx1-ubyte.gz})
 * when it exists, and from a folder's class subfolders (see {@link ImageFiles}).
 */
public final class ImageDataset {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataset.class);
    private static final String EMBEDDED_PREFIX = "embedded:";
    private static final String EMBEDDED_DIR = "/datasets/fashion-mnist/";

    private final byte[] pixels;
    private final int size;
    private final int channels;
    private final int imageSize;
    private final int[] labels;
    private final List<String> classNames;
    private final String origin;

    private ImageDataset(byte[] pixels, int size, int channels, int imageSize, int[] labels, List<String> classNames,
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
     * Loads the images {@code config} describes.
     *
     * @throws DataException with a message naming the path: missing file or folder, not an IDX file, wrong IDX
     *                       magic, truncated file, no readable image in the folder
     * @throws IllegalArgumentException if {@code imageSize} or {@code channels} is out of range
     */
    public static ImageDataset open(DataConfig config) throws DataException {
        if (config.imageSize() < 1) {
            throw new IllegalArgumentException("data.imageSize = " + config.imageSize() + " must be >= 1");
        }
        if (config.channels() != 1 && config.channels() != 3) {
            throw new IllegalArgumentException("data.channels = " + config.channels() + " must be 1 (grey) or 3 (RGB)");
        }
        if (config.source() == null || config.path() == null || config.path().isBlank()) {
            throw new IllegalArgumentException("data.source and data.path are required (got source = "
                    + config.source() + ", path = " + config.path() + ")");
        }
        if (config.source() == DataSource.FOLDER) {
            ImageFolder.Loaded loaded = ImageFolder.load(toPath(config.path()), config);
            return new ImageDataset(loaded.pixels(), loaded.count(), config.channels(), config.imageSize(),
                    loaded.labels(), loaded.classNames(), config.path());
        }
        IdxReader.Images images;
        int[] labels;
        if (config.path().startsWith(EMBEDDED_PREFIX)) {
            if (!config.path().equals(DataConfig.EMBEDDED_FASHION_MNIST)) {
                throw new DataException(config.path() + ": unknown embedded data set; the only one is "
                        + DataConfig.EMBEDDED_FASHION_MNIST);
            }
            images = readResource("t10k-images-idx3-ubyte.gz", IdxReader::readImages);
            labels = readResource("t10k-labels-idx1-ubyte.gz", IdxReader::readLabels);
        } else {
            Path file = toPath(config.path());
            images = read(() -> IdxReader.readImages(file), file);
            labels = readSiblingLabels(file);
        }
        if (labels != null && labels.length != images.count()) {
            throw new DataException(config.path() + ": " + images.count() + " images but its labels file has "
                    + labels.length + " labels");
        }
        if (images.count() == 0) {
            throw new DataException(config.path() + ": the IDX file holds no images (count 0 in its header)");
        }
        long bytes = (long) images.count() * config.channels() * config.imageSize() * config.imageSize();
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new DataException(config.path() + ": " + images.count() + " images at " + config.channels() + "x"
                    + config.imageSize() + "x" + config.imageSize() + " need " + bytes + " bytes, more than the "
                    + "in-memory dataset holds (2 GB); lower data.imageSize or data.channels");
        }
        byte[] pixels = fitIdx(images, config.imageSize(), config.channels());
        return new ImageDataset(pixels, images.count(), config.channels(), config.imageSize(), labels, null,
                config.path());
    }

    /**
     * Wraps pixels that are already in the final layout, for tests and other sources. The array is not copied.
     *
     * @param pixels uint8 NCHW, exactly {@code size * channels * imageSize * imageSize} long
     * @param labels one per image, or null
     */
    public static ImageDataset of(byte[] pixels, int size, int channels, int imageSize, int[] labels, String origin) {
        return of(pixels, size, channels, imageSize, labels, null, origin);
    }

    /**
     * @param classNames the name of each label value, or null for "0", "1", ... up to the largest label
     */
    public static ImageDataset of(byte[] pixels, int size, int channels, int imageSize, int[] labels,
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
        return new ImageDataset(pixels, size, channels, imageSize, labels == null ? null : labels.clone(),
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

    /** The configured path the images came from, for logs and provenance. */
    public String origin() {
        return origin;
    }

    /** One pixel value, 0..255. */
    public int pixel(int index, int channel, int y, int x) {
        return pixels[((index * channels + channel) * imageSize + y) * imageSize + x] & 0xFF;
    }

    /** The backing array, shared with {@link BatchSampler}; never handed out publicly. */
    byte[] pixels() {
        return pixels;
    }

    private interface IdxRead<T> {
        T read() throws IOException;
    }

    private interface IdxStreamRead<T> {
        T read(InputStream in, String name) throws IOException;
    }

    private static <T> T read(IdxRead<T> action, Path file) throws DataException {
        try {
            return action.read();
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static <T> T readResource(String name, IdxStreamRead<T> reader) throws DataException {
        String resource = EMBEDDED_DIR + name;
        try (InputStream in = ImageDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DataException(DataConfig.EMBEDDED_FASHION_MNIST + ": classpath resource " + resource
                        + " is missing (is gan-core on the classpath complete?)");
            }
            return reader.read(in, "classpath:" + resource);
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException("classpath:" + resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int[] readSiblingLabels(Path imagesFile) throws DataException {
        String name = imagesFile.getFileName().toString();
        if (!name.contains("images")) {
            return null;
        }
        Path labelsFile = imagesFile.resolveSibling(name.replace("images", "labels").replace("idx3", "idx1"));
        if (!Files.isRegularFile(labelsFile)) {
            LOG.debug("No labels file {} next to {}; continuing without labels", labelsFile, imagesFile);
            return null;
        }
        return read(() -> IdxReader.readLabels(labelsFile), labelsFile);
    }

    private static Path toPath(String path) throws DataException {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new DataException(path + ": not a valid path: " + e.getReason(), e);
        }
    }

    /** IDX images (grey, rows x columns) to planar uint8 at the configured shape. */
    private static byte[] fitIdx(IdxReader.Images images, int imageSize, int channels) {
        int rows = images.rows();
        int columns = images.columns();
        if (rows == imageSize && columns == imageSize && channels == 1) {
            return images.pixels();
        }
        int plane = imageSize * imageSize;
        byte[] out = new byte[images.count() * channels * plane];
        boolean sameSize = rows == imageSize && columns == imageSize;
        for (int i = 0; i < images.count(); i++) {
            int src = i * rows * columns;
            int dst = i * channels * plane;
            if (sameSize) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(images.pixels(), src, out, dst + c * plane, plane);
                }
            } else {
                var square = ImageResize.centreSquare(ImageResize.fromGrey(images.pixels(), src, columns, rows),
                        imageSize);
                ImageResize.toPlanes(square, channels, out, dst);
            }
        }
        return out;
    }
}
