package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.decode.ImageResize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code source: idx}: an IDX images file ({@link IdxReader}), or the Fashion-MNIST test split embedded in gan-core,
 * read into memory at the configured shape and handed out by a {@link BatchSampler}.
 *
 * <p>IDX images are 28x28 grey; for another {@code imageSize} they go through the same crop-and-scale as folder
 * images ({@link ImageResize#fitGrey}), and with {@code channels: 3} the grey value is copied to R, G and B. Labels
 * come from the IDX labels file next to the images file when it exists ({@link IdxReader#readWithLabels(String)}).
 */
final class IdxData implements TrainingData {
    /** Where Debian's {@code dataset-fashion-mnist} puts the 60k training split. */
    static final Path DEBIAN_FASHION_MNIST_TRAIN =
            Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    private static final String EMBEDDED_PREFIX = "embedded:";
    private static final String EMBEDDED_IMAGES = "/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
    private static final String EMBEDDED_LABELS = "/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz";

    private final DataConfig config;
    private final DecodedImages images;

    private IdxData(DataConfig config, DecodedImages images) {
        this.config = config;
        this.images = images;
    }

    /**
     * @throws DataException naming the path: missing file, not an IDX file, wrong IDX magic, truncated file, labels
     *                       that do not match the images, no images, or too many for memory
     */
    static IdxData open(DataConfig config) throws DataException {
        IdxReader.Labelled read = config.path().startsWith(EMBEDDED_PREFIX)
                ? readEmbedded(config.path())
                : IdxReader.readWithLabels(config.path());
        IdxReader.Images images = read.images();
        if (read.labels() != null && read.labels().length != images.count()) {
            throw new DataException(config.path() + ": " + images.count() + " images but its labels file has "
                    + read.labels().length + " labels");
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
        byte[] pixels = ImageResize.fitGrey(images.pixels(), images.count(), images.rows(), images.columns(),
                config.imageSize(), config.channels());
        return new IdxData(config, DecodedImages.of(pixels, images.count(), config.channels(), config.imageSize(),
                read.labels(), config.path()));
    }

    /** The Fashion-MNIST test split inside gan-core, images and labels as classpath resources. */
    private static IdxReader.Labelled readEmbedded(String path) throws DataException {
        if (!path.equals(DataConfig.EMBEDDED_FASHION_MNIST)) {
            throw new DataException(path + ": unknown embedded data set; the only one is "
                    + DataConfig.EMBEDDED_FASHION_MNIST);
        }
        try (InputStream images = resource(EMBEDDED_IMAGES); InputStream labels = resource(EMBEDDED_LABELS)) {
            return IdxReader.readWithLabels(images, "classpath:" + EMBEDDED_IMAGES, labels,
                    "classpath:" + EMBEDDED_LABELS);
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {   // closing a resource stream
            throw new DataException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String resource) throws DataException {
        InputStream in = IdxData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new DataException(DataConfig.EMBEDDED_FASHION_MNIST + ": classpath resource " + resource
                    + " is missing (is gan-core on the classpath complete?)");
        }
        return in;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public boolean streamed() {
        return false;
    }

    @Override
    public int[] labels() {
        return images.labels();
    }

    @Override
    public List<String> classNames() {
        return images.classNames();
    }

    @Override
    public BatchSource batches(int batchSize, long seed) {
        return new BatchSampler(images, batchSize, seed, config.flip());
    }

    @Override
    public LabelledImages readAll(int limit) {
        return images.toArray(limit);
    }

    @Override
    public Optional<DataConfig> otherSplit() {
        Path other;
        if (config.path().equals(DataConfig.EMBEDDED_FASHION_MNIST)) {
            other = DEBIAN_FASHION_MNIST_TRAIN;
        } else {
            String name = Path.of(config.path()).getFileName().toString();
            String otherName = name.startsWith("train-") ? "t10k-" + name.substring("train-".length())
                    : name.startsWith("t10k-") ? "train-" + name.substring("t10k-".length()) : null;
            if (otherName == null) {
                return Optional.empty();
            }
            other = Path.of(config.path()).resolveSibling(otherName);
        }
        return Files.isRegularFile(other)
                ? Optional.of(new DataConfig(DataSource.IDX, other.toString(), config.imageSize(), config.channels(),
                        config.crop(), config.flip(), config.background(), config.badFiles(), config.maxImagePixels(),
                        config.cache(), config.loaderThreads()))
                : Optional.empty();
    }
}
