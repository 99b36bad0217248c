package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes every image of a folder into memory at once, centre-cropped and unmirrored: what the disk cache stores,
 * and {@link ImageDataset#open} for a folder. Training streams folders instead ({@link FolderBatches}).
 *
 * <p>Files are found, classed and checked by {@link ImageFiles}, then decoded on {@code loaderThreads} threads into
 * fixed slots, so the result does not depend on thread timing. A file that passes the check but fails to decode is
 * skipped (or, under {@code badFiles: fail}, an error) like one that fails the check. Everything must fit in one
 * {@code byte[]} (under 2 GB, about 170k RGB images of 64x64).
 */
public final class ImageFolder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

    /**
     * The decoded images, planar uint8 {@code count x channels x imageSize x imageSize}, where each came from, and
     * its class (null without class folders). The arrays are not copied.
     */
    public record Loaded(int count, byte[] pixels, List<Path> files, int[] labels, List<String> classNames,
                         List<ImageFiles.Skipped> skipped) {
    }

    private ImageFolder() {
    }

    /** With every folder option at its default. */
    public static Loaded load(Path folder, int imageSize, int channels) throws DataException {
        return load(folder, new DataConfig(DataSource.FOLDER, folder.toString(), imageSize, channels));
    }

    /**
     * @throws DataException if the folder is missing, holds no image files, or none of them can be read; under
     *                       {@code badFiles: fail}, at the first bad file
     */
    public static Loaded load(Path folder, DataConfig config) throws DataException {
        if (config.imageSize() < 1) {
            throw new IllegalArgumentException("imageSize = " + config.imageSize() + " must be >= 1");
        }
        if (config.channels() != 1 && config.channels() != 3) {
            throw new IllegalArgumentException("channels = " + config.channels() + " must be 1 (grey) or 3 (RGB)");
        }
        ImageDecoder decoder = decoder(config);
        ImageFiles files = ImageFiles.scan(folder, config, decoder);
        int imageLength = decoder.imageLength();
        if ((long) imageLength * files.size() > Integer.MAX_VALUE - 64) {
            throw new DataException(folder + ": " + files.size() + " images of " + config.channels() + "x"
                    + config.imageSize() + "x" + config.imageSize() + " need " + (long) imageLength * files.size()
                    + " bytes, more than fits in memory at once (2 GB); use data.cache: none, which streams them");
        }
        byte[] pixels = new byte[imageLength * files.size()];
        List<BadImageException> failures = LoaderThreads.forEach("image-decode", config.loaderThreads(), files.size(),
                i -> decoder.decode(files.files().get(i), ImageDecoder.CENTER, false, pixels, i * imageLength),
                folder + ": decoding");
        List<Path> used = new ArrayList<>();
        List<Integer> usedLabels = new ArrayList<>();
        List<ImageFiles.Skipped> skipped = new ArrayList<>(files.skipped());
        int kept = 0;
        for (int i = 0; i < files.size(); i++) {
            BadImageException failure = failures.get(i);
            if (failure != null) {
                if (config.badFiles() == DataConfig.BadFiles.FAIL) {
                    throw new DataException(failure.file() + ": " + failure.getMessage() + " (data.badFiles: fail; "
                            + "set data.badFiles: skip to train without such files)", failure);
                }
                LOG.warn("Skipping {}: {}", failure.file(), failure.getMessage());
                skipped.add(new ImageFiles.Skipped(failure.file(), failure.kind(), failure.getMessage()));
                continue;
            }
            if (kept != i) {
                System.arraycopy(pixels, i * imageLength, pixels, kept * imageLength, imageLength);
            }
            kept++;
            used.add(files.files().get(i));
            usedLabels.add(files.labels() == null ? -1 : files.labels()[i]);
        }
        if (used.isEmpty()) {
            throw new DataException(folder + ": none of the " + (files.size() + files.skipped().size())
                    + " image files could be decoded; see the warnings above");
        }
        byte[] trimmed = kept == files.size() ? pixels : Arrays.copyOf(pixels, kept * imageLength);
        int[] labels = files.labels() == null ? null : usedLabels.stream().mapToInt(Integer::intValue).toArray();
        LOG.info("Loaded {} images of {}x{}x{} from {} ({})", used.size(), config.channels(), config.imageSize(),
                config.imageSize(), folder, ImageFiles.summary(skipped));
        return new Loaded(used.size(), trimmed, List.copyOf(used), labels, files.classNames(), List.copyOf(skipped));
    }

    static ImageDecoder decoder(DataConfig config) {
        return new ImageDecoder(config.imageSize(), config.channels(), config.background(), config.maxImagePixels());
    }
}
