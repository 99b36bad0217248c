package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code source: folder, cache: disk}: the folder's images decoded once ({@link FolderImages}) into a cache file
 * ({@link DecodedCache}), which later runs read instead of decoding, and held in memory, where a
 * {@link BatchSampler} hands them out. For small datasets: everything must fit in one {@code byte[]} (under 2 GB,
 * about 170k RGB images of 64x64). Images are centre-cropped, so {@code crop: random} does not go with it.
 */
final class CachedFolder implements TrainingData {
    private final DataConfig config;
    private final DecodedImages images;

    private CachedFolder(DataConfig config, DecodedImages images) {
        this.config = config;
        this.images = images;
    }

    /**
     * @param cacheDirectory where the cache files are
     * @throws DataException if the folder is missing or holds no image file, if no file can be read, if the images
     *                       do not fit in memory, or, under {@code badFiles: fail}, naming the first bad file
     */
    static CachedFolder open(DataConfig config, Path cacheDirectory) throws DataException {
        Path folder = ImageFiles.folder(config);
        List<Path> candidates = ImageFiles.find(folder);
        Path cacheFile = DecodedCache.file(cacheDirectory, folder, candidates, config);
        Optional<DecodedImages> cached = DecodedCache.read(cacheFile, folder, config);
        if (cached.isPresent()) {
            return new CachedFolder(config, cached.get());
        }
        ImageFiles files = ImageFiles.check(folder, candidates, config);
        long bytes = (long) files.decoder().imageLength() * files.size();
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new DataException(folder + ": " + files.size() + " images of " + config.channels() + "x"
                    + config.imageSize() + "x" + config.imageSize() + " need " + bytes
                    + " bytes, more than fits in memory at once (2 GB); use data.cache: none, which streams them");
        }
        FolderImages.Decoded decoded = FolderImages.decode(files, config, Integer.MAX_VALUE);
        DecodedCache.write(cacheFile, folder, decoded);
        return new CachedFolder(config, decoded.images());
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
}
