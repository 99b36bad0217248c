package dev.jvmgan.eval;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.DataException;
import dev.jvmgan.data.ImageDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Image files read whole into memory for scoring: the data a feature network trains on, the real images scores
 * compare against, and folders or IDX files of images made elsewhere. This is the evaluation's only door to the
 * {@code data} package; it holds the images as uint8 and hands out float batches.
 *
 * <p>{@link #otherSplit()} finds the other half of an MNIST-style IDX pair ({@code train-images-idx3-ubyte[.gz]}
 * and {@code t10k-images-idx3-ubyte[.gz]} side by side), which is what makes a held-out reference possible.
 */
public final class RealImages implements ImageSource {
    private static final String TRAIN = "train-images";
    private static final String TEST = "t10k-images";

    private final DataConfig config;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final int count;

    private RealImages(DataConfig config, byte[] pixels, int[] labels, List<String> classNames, int count) {
        this.config = config;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = classNames;
        this.count = count;
    }

    /**
     * Every image {@code config} describes (an IDX file, the embedded split or a folder, decoded whole), at its
     * image size and channels.
     *
     * @throws DataException naming the file or folder: missing, unreadable, or without a readable image
     */
    public static RealImages open(DataConfig config) throws DataException {
        ImageDataset data = ImageDataset.open(config);
        int length = data.channels() * data.imageSize() * data.imageSize();
        byte[] pixels = new byte[data.size() * length];
        int at = 0;
        for (int i = 0; i < data.size(); i++) {
            for (int c = 0; c < data.channels(); c++) {
                for (int y = 0; y < data.imageSize(); y++) {
                    for (int x = 0; x < data.imageSize(); x++) {
                        pixels[at++] = (byte) data.pixel(i, c, y, x);
                    }
                }
            }
        }
        return new RealImages(config, pixels, data.labels(), data.classNames(), data.size());
    }

    /**
     * The images of a folder or an IDX images file made elsewhere, fitted to {@code shape}'s size and channels as
     * training data would be (a centred square, scaled).
     */
    public static RealImages files(Path folderOrIdx, DataConfig shape) throws DataException {
        DataSource source = Files.isDirectory(folderOrIdx) ? DataSource.FOLDER : DataSource.IDX;
        return open(new DataConfig(source, folderOrIdx.toString(), shape.imageSize(), shape.channels())
                .withFolderOptions(DataConfig.Crop.CENTER, false, shape.background(), shape.badFiles(),
                        shape.maxImagePixels(), DataConfig.Cache.NONE, shape.loaderThreads()));
    }

    /** The first {@code n} images (all of them when there are fewer), in arrays of their own. */
    public RealImages first(int n) {
        return n >= count ? this : new RealImages(config, Arrays.copyOf(pixels, n * imageLength()),
                labels == null ? null : Arrays.copyOf(labels, n), classNames, n);
    }

    /**
     * The other split of an MNIST-style pair when its file lies next to this one: the test split for the training
     * split and the other way round. The embedded split has none: it ships alone.
     */
    public Optional<DataConfig> otherSplit() {
        if (config.source() != DataSource.IDX || config.path().startsWith("embedded:")) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(config.path());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        String other = name.contains(TRAIN) ? name.replace(TRAIN, TEST)
                : name.contains(TEST) ? name.replace(TEST, TRAIN) : null;
        if (other == null || !Files.isRegularFile(file.resolveSibling(other))) {
            return Optional.empty();
        }
        return Optional.of(new DataConfig(DataSource.IDX, file.resolveSibling(other).toString(), config.imageSize(),
                config.channels()));
    }

    /** Class labels, one per image, when every image has a class and there are at least two classes. */
    public Optional<int[]> classLabels() {
        if (labels == null || classNames.size() < 2) {
            return Optional.empty();
        }
        int[] mine = Arrays.copyOf(labels, count);
        return Arrays.stream(mine).allMatch(label -> label >= 0) ? Optional.of(mine) : Optional.empty();
    }

    /** How many classes {@link #classLabels()} has. */
    public int classes() {
        return classNames.size();
    }

    /**
     * SHA-256 of the images' shape, pixels and labels, hex: the same content read from anywhere gives the same
     * fingerprint, and a single changed pixel another.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.format(Locale.ROOT, "%d x %d x %d x %d%n", count, config.channels(),
                    config.imageSize(), config.imageSize()).getBytes(StandardCharsets.UTF_8));
            sha.update(pixels, 0, count * imageLength());
            Optional<int[]> classes = classLabels();
            if (classes.isPresent()) {
                ByteBuffer bytes = ByteBuffer.allocate(4 * count);
                bytes.asIntBuffer().put(classes.get());
                sha.update(bytes.array());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Where the images came from and how many: {@code embedded:fashion-mnist-test (10,000 images)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%,d images)", config.path(), count);
    }

    /** The data config these images were read with. */
    public DataConfig config() {
        return config;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int channels() {
        return config.channels();
    }

    @Override
    public int imageSize() {
        return config.imageSize();
    }

    @Override
    public INDArray images(int[] index) {
        int length = imageLength();
        float[] out = new float[index.length * length];
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= count) {
                throw new IndexOutOfBoundsException("image " + index[i] + " of " + count);
            }
            int from = index[i] * length;
            for (int p = 0; p < length; p++) {
                out[i * length + p] = Quantised.LEVELS[pixels[from + p] & 0xFF];
            }
        }
        return Nd4j.create(out, new long[] {index.length, channels(), imageSize(), imageSize()}, 'c');
    }

    private int imageLength() {
        return config.channels() * config.imageSize() * config.imageSize();
    }
}
