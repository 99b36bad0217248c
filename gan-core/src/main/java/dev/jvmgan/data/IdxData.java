package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.decode.ImageResize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code source: idx}: an IDX images file ({@link IdxReader}), or the Fashion-MNIST test split embedded in gan-core,
 * read into memory at the configured shape and handed out by a {@link BatchSampler}.
 *
 * <p>IDX images are 28x28 grey; for another {@code imageSize} they go through the same crop-and-scale as folder
 * images ({@link ImageResize#fitGrey}), and with {@code channels: 3} the grey value is copied to R, G and B. Labels
 * come from the IDX labels file next to the images file ({@code train-images-idx3-ubyte.gz} pairs with
 * {@code train-labels-idx1-ubyte.gz}) when it exists.
 */
final class IdxData implements TrainingData {
    /** Where Debian's {@code dataset-fashion-mnist} puts the 60k training split. */
    static final Path DEBIAN_FASHION_MNIST_TRAIN =
            Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    private static final Logger LOG = LoggerFactory.getLogger(IdxData.class);
    private static final String EMBEDDED_PREFIX = "embedded:";
    private static final String EMBEDDED_DIR = "/datasets/fashion-mnist/";

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
        IdxReader.Images read;
        int[] labels;
        if (config.path().startsWith(EMBEDDED_PREFIX)) {
            if (!config.path().equals(DataConfig.EMBEDDED_FASHION_MNIST)) {
                throw new DataException(config.path() + ": unknown embedded data set; the only one is "
                        + DataConfig.EMBEDDED_FASHION_MNIST);
            }
            read = readResource("t10k-images-idx3-ubyte.gz", IdxReader::readImages);
            labels = readResource("t10k-labels-idx1-ubyte.gz", IdxReader::readLabels);
        } else {
            Path file = toPath(config.path());
            read = readFile(() -> IdxReader.readImages(file), file);
            Path labelsFile = labelsFile(file);
            labels = labelsFile == null ? null : readFile(() -> IdxReader.readLabels(labelsFile), labelsFile);
        }
        if (labels != null && labels.length != read.count()) {
            throw new DataException(config.path() + ": " + read.count() + " images but its labels file has "
                    + labels.length + " labels");
        }
        if (read.count() == 0) {
            throw new DataException(config.path() + ": the IDX file holds no images (count 0 in its header)");
        }
        long bytes = (long) read.count() * config.channels() * config.imageSize() * config.imageSize();
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new DataException(config.path() + ": " + read.count() + " images at " + config.channels() + "x"
                    + config.imageSize() + "x" + config.imageSize() + " need " + bytes + " bytes, more than the "
                    + "in-memory dataset holds (2 GB); lower data.imageSize or data.channels");
        }
        byte[] pixels = ImageResize.fitGrey(read.pixels(), read.count(), read.rows(), read.columns(),
                config.imageSize(), config.channels());
        return new IdxData(config, DecodedImages.of(pixels, read.count(), config.channels(), config.imageSize(),
                labels, config.path()));
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

    /** The labels file MNIST's naming pairs with an images file, or null when there is none. */
    private static Path labelsFile(Path imagesFile) {
        String name = imagesFile.getFileName().toString();
        if (!name.contains("images")) {
            return null;
        }
        Path labelsFile = imagesFile.resolveSibling(name.replace("images", "labels").replace("idx3", "idx1"));
        if (!Files.isRegularFile(labelsFile)) {
            LOG.debug("No labels file {} next to {}; continuing without labels", labelsFile, imagesFile);
            return null;
        }
        return labelsFile;
    }

    private interface FileRead<T> {
        T read() throws IOException;
    }

    private interface StreamRead<T> {
        T read(InputStream in, String name) throws IOException;
    }

    private static <T> T readFile(FileRead<T> action, Path file) throws DataException {
        try {
            return action.read();
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static <T> T readResource(String name, StreamRead<T> reader) throws DataException {
        String resource = EMBEDDED_DIR + name;
        try (InputStream in = IdxData.class.getResourceAsStream(resource)) {
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

    private static Path toPath(String path) throws DataException {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new DataException(path + ": not a valid path: " + e.getReason(), e);
        }
    }
}
