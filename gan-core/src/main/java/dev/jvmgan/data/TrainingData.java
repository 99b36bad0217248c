package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The training images a config describes, opened and checked, ready to hand out {@link BatchSource}s:
 * <ul>
 *   <li>{@code source: idx}: decoded into memory ({@link ImageDataset}), batches from {@link BatchSampler};</li>
 *   <li>{@code source: folder, cache: none}: the files are found and checked now ({@link ImageFiles}) and decoded
 *       while training by background threads ({@link FolderBatches});</li>
 *   <li>{@code source: folder, cache: disk}: decoded once into a cache file ({@link DecodedCache}), then as IDX.</li>
 * </ul>
 *
 * <pre>{@code
 * TrainingData data = TrainingData.open(config.data());          // errors here name the file or folder
 * try (BatchSource batches = data.batches(64, seed)) {
 *     INDArray realImages = batches.next();
 * }
 * }</pre>
 */
public final class TrainingData {
    private final DataConfig config;
    private final ImageDataset inMemory;
    private final ImageFiles files;
    private final ImageDecoder decoder;

    private TrainingData(DataConfig config, ImageDataset inMemory, ImageFiles files, ImageDecoder decoder) {
        this.config = config;
        this.inMemory = inMemory;
        this.files = files;
        this.decoder = decoder;
    }

    /** Opens the data, with the disk cache (if configured) in its default directory. */
    public static TrainingData open(DataConfig config) throws DataException {
        return open(config, DecodedCache.defaultDirectory());
    }

    /**
     * @param cacheDirectory where {@code cache: disk} keeps its files
     * @throws DataException naming the file or folder: missing, unreadable, empty, no readable image, or a bad file
     *                       under {@code badFiles: fail}
     */
    public static TrainingData open(DataConfig config, Path cacheDirectory) throws DataException {
        if (config.source() == DataSource.IDX) {
            return new TrainingData(config, ImageDataset.open(config), null, null);
        }
        Path folder;
        try {
            folder = Path.of(config.path());
        } catch (InvalidPathException e) {
            throw new DataException(config.path() + ": not a valid path: " + e.getReason(), e);
        }
        if (config.cache() == DataConfig.Cache.DISK) {
            return new TrainingData(config, DecodedCache.load(folder, config, cacheDirectory), null, null);
        }
        ImageDecoder decoder = ImageFolder.decoder(config);
        return new TrainingData(config, null, ImageFiles.scan(folder, config, decoder), decoder);
    }

    /** Usable images: one epoch is {@code size() / batchSize} batches. */
    public int size() {
        return inMemory != null ? inMemory.size() : files.size();
    }

    /** Whether images are decoded while training rather than held in memory. */
    public boolean streamed() {
        return files != null;
    }

    /** Class names, index = label; empty without labels. */
    public List<String> classNames() {
        return inMemory != null ? inMemory.classNames() : files.classNames();
    }

    /**
     * A new source of batches; close it when training ends (streamed data stops its threads).
     *
     * @throws IllegalArgumentException if {@code batchSize} exceeds {@link #size()}
     */
    public BatchSource batches(int batchSize, long seed) {
        return inMemory != null
                ? new BatchSampler(inMemory, batchSize, seed, config.flip())
                : new FolderBatches(files, decoder, config, batchSize, seed);
    }
}
