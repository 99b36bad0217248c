package dev.jvmgan.eval;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.DataException;
import dev.jvmgan.data.LabelledImages;
import dev.jvmgan.data.TrainingData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * <p>{@link #otherSplit()} names the other half of a dataset that has one, which is what makes a held-out reference
 * possible.
 */
public final class RealImages implements ImageSource {

    private static final int CHUNK = 2048;

    private final DataConfig config;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final int count;
    private final Optional<DataConfig> otherSplit;

    private RealImages(DataConfig config, byte[] pixels, int[] labels, List<String> classNames, int count,
            Optional<DataConfig> otherSplit) {
        this.config = config;
        this.otherSplit = otherSplit;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = classNames;
        this.count = count;
    }

    /**
     * Every image {@code config} describes (an IDX file, the embedded split or a folder, decoded whole), at its
     * image size and channels, centre-cropped and never mirrored ({@link TrainingData#readAll}).
     *
     * @throws DataException naming the file or folder: missing, unreadable, or without a readable image
     */
    public static RealImages open(DataConfig config) throws DataException {
        TrainingData data = TrainingData.open(config);
        LabelledImages all = data.readAll(Integer.MAX_VALUE);
        // A chunk at a time, so the 60k split (188 MB of floats) never sits on the heap whole.
        long length = all.images().length() / Math.max(1, all.count());
        byte[] pixels = new byte[Math.toIntExact(all.images().length())];
        for (int from = 0; from < all.count(); from += CHUNK) {
            int to = Math.min(all.count(), from + CHUNK);
            float[] values = all.images().get(NDArrayIndex.interval(from, to)).dup('c').data().asFloat();
            for (int i = 0; i < values.length; i++) {
                pixels[Math.toIntExact(from * length) + i] = (byte) Quantised.level(values[i]);
            }
        }
        int[] labels = all.labelled() ? all.labels() : null;
        return new RealImages(config, pixels, labels, all.classNames(), all.count(), data.otherSplit());
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
                labels == null ? null : Arrays.copyOf(labels, n), classNames, n, otherSplit);
    }

    /**
     * The other split of the same dataset when there is one ({@link TrainingData#otherSplit()}): MNIST-style
     * {@code train-*} and {@code t10k-*} files side by side, and the embedded Fashion-MNIST test split paired with
     * Debian's training split when that is installed.
     */
    public Optional<DataConfig> otherSplit() {
        return otherSplit;
    }

    /** Class labels, one per image, when every image has a class and there are at least two classes. */
    public Optional<int[]> classLabels() {
        if (labels == null || classNames.size() < 2) {
            return Optional.empty();
        }
        int[] mine = Arrays.copyOf(labels, count);
        return Arrays.stream(mine).allMatch(label -> label >= 0) ? Optional.of(mine) : Optional.empty();
    }

    /** The name of each label value, index = label; empty without labels. */
    public List<String> classNames() {
        return classNames;
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
