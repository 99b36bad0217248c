package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code source: folder, cache: none}: the folder's image files are found and checked when it is opened
 * ({@link ImageFiles}), and decoded while training by background threads ({@link FolderBatches}). Memory holds the
 * file list and the batches in flight, never the dataset.
 */
final class StreamedFolder implements TrainingData {
    private final DataConfig config;
    private final ImageFiles files;

    private StreamedFolder(DataConfig config, ImageFiles files) {
        this.config = config;
        this.files = files;
    }

    /**
     * @throws DataException if the folder is missing or holds no image file, if no file passes the check, or, under
     *                       {@code badFiles: fail}, naming the first bad file
     */
    static StreamedFolder open(DataConfig config) throws DataException {
        Path folder = ImageFiles.folder(config);
        return new StreamedFolder(config, ImageFiles.check(folder, ImageFiles.find(folder), config));
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public boolean streamed() {
        return true;
    }

    @Override
    public int[] labels() {
        return files.labels();
    }

    @Override
    public List<String> classNames() {
        return files.classNames();
    }

    @Override
    public BatchSource batches(int batchSize, long seed) {
        return new FolderBatches(files, config, batchSize, seed);
    }

    /** Decodes the first {@code limit} files that decode, in path order; a file that fails is named and replaced. */
    @Override
    public LabelledImages readAll(int limit) throws DataException {
        LabelledImages.requireLimit(limit);
        long bytes = (long) Math.min(limit, files.size()) * files.decoder().imageLength();
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new DataException(files.folder() + ": " + Math.min(limit, files.size()) + " images of "
                    + config.channels() + "x" + config.imageSize() + "x" + config.imageSize() + " need " + bytes
                    + " bytes, more than one array holds (2 GB); read fewer at a time");
        }
        return FolderImages.decode(files, config, limit).images().toArray(limit);
    }
}
