package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The training images a config describes, opened and checked, ready to hand out {@link BatchSource}s. One class per
 * source:
 * <ul>
 *   <li>{@code source: idx}: {@link IdxData}, an IDX file (or the embedded Fashion-MNIST split) read into memory;</li>
 *   <li>{@code source: folder, cache: none}: {@link StreamedFolder}, image files found and checked now, decoded
 *       while training by background threads;</li>
 *   <li>{@code source: folder, cache: disk}: {@link CachedFolder}, image files decoded once into a cache file and
 *       held in memory.</li>
 * </ul>
 *
 * <pre>{@code
 * TrainingData data = TrainingData.open(config.data());          // errors here name the file or folder
 * try (BatchSource batches = data.batches(64, seed)) {
 *     INDArray realImages = batches.next();
 * }
 * LabelledImages reference = data.readAll(10_000);                // for scores: the first 10k, as one array
 * }</pre>
 */
public interface TrainingData {
    /** Opens the data, with the disk cache (if configured) in {@link #defaultCacheDirectory()}. */
    static TrainingData open(DataConfig config) throws DataException {
        return open(config, defaultCacheDirectory());
    }

    /**
     * Where {@code cache: disk} keeps decoded folders: {@code $GAN_CACHE_DIR}, else {@code $XDG_CACHE_HOME/jvm-gan},
     * else {@code ~/.cache/jvm-gan}; never inside the image folder.
     */
    static Path defaultCacheDirectory() {
        String explicit = System.getenv("GAN_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvm-gan");
    }

    /**
     * @param cacheDirectory where {@code cache: disk} keeps its files
     * @throws DataException            naming the file or folder: missing, unreadable, empty, no readable image, or a
     *                                  bad file under {@code badFiles: fail}
     * @throws IllegalArgumentException if {@code imageSize} or {@code channels} is out of range (a config built in
     *                                  code; the YAML loader checks both)
     */
    static TrainingData open(DataConfig config, Path cacheDirectory) throws DataException {
        if (config.imageSize() < 1) {
            throw new IllegalArgumentException("data.imageSize = " + config.imageSize() + " must be >= 1");
        }
        if (config.channels() != 1 && config.channels() != 3) {
            throw new IllegalArgumentException("data.channels = " + config.channels() + " must be 1 (grey) or 3 (RGB)");
        }
        if (config.source() == DataSource.IDX) {
            return IdxData.open(config);
        }
        return config.cache() == DataConfig.Cache.DISK
                ? CachedFolder.open(config, cacheDirectory)
                : StreamedFolder.open(config);
    }

    /** Usable images: one epoch is {@code size() / batchSize} batches. */
    int size();

    /** Whether images are decoded while training rather than held in memory. */
    boolean streamed();

    /** Class names, index = label; empty without labels. */
    List<String> classNames();

    /**
     * The label of every usable image, in the data's own order (-1: an image without a class), without decoding
     * any image; null when the data has no labels. A class-conditional run checks and counts them before training.
     */
    int[] labels();

    /**
     * A new source of batches; close it when training ends (streamed data stops its threads).
     *
     * @throws IllegalArgumentException if {@code batchSize} exceeds {@link #size()}
     */
    BatchSource batches(int batchSize, long seed);

    /**
     * The first {@code limit} images (all of them when there are fewer; {@code Integer.MAX_VALUE} for all) as one
     * array, with their labels and class names; see {@link LabelledImages} for the order and the crop. A streamed
     * folder decodes them now, on its {@code loaderThreads}; the array takes {@code 4 * N * C * S * S} bytes off-heap.
     *
     * @throws DataException            a streamed folder's file that fails to decode, under {@code badFiles: fail};
     *                                  or more images than one array holds
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    LabelledImages readAll(int limit) throws DataException;

    /**
     * The other split of the same dataset, when there is one: for IDX data, {@code train-*} and {@code t10k-*} files
     * side by side (MNIST's names), and the embedded Fashion-MNIST test split paired with Debian's training split
     * ({@link IdxData#DEBIAN_FASHION_MNIST_TRAIN}) when that is installed. The same config, another path; open it
     * with {@link #open(DataConfig)}. Empty for folders.
     */
    default Optional<DataConfig> otherSplit() {
        return Optional.empty();
    }
}
