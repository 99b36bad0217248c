package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.data.decode.BadImageException;
import dev.jvmgan.data.decode.ImageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checked image files ({@link ImageFiles}) decoded into memory at once, centre-cropped and unmirrored: what the disk
 * cache stores ({@link CachedFolder}) and what {@link StreamedFolder#readAll} hands out.
 *
 * <p>Files are decoded on {@code loaderThreads} threads into fixed slots, so the result does not depend on thread
 * timing. A file that passed the check but fails to decode is skipped (or, under {@code badFiles: fail}, an error)
 * like one that failed the check, and the next file takes its place.
 */
final class FolderImages {
    private static final Logger LOG = LoggerFactory.getLogger(FolderImages.class);

    /** The decoded images, and every file that is not among them: refused by the check or failed here. */
    record Decoded(DecodedImages images, List<ImageFiles.Skipped> skipped) {
    }

    private FolderImages() {
    }

    /**
     * The first {@code limit} files that decode, in path order; all of them for {@code Integer.MAX_VALUE}. The caller
     * makes sure {@code min(limit, files.size())} images fit in one {@code byte[]}.
     *
     * @throws DataException if none of the files can be decoded; under {@code badFiles: fail}, at the first bad file
     */
    static Decoded decode(ImageFiles files, DataConfig config, int limit) throws DataException {
        ImageDecoder decoder = files.decoder();
        int imageLength = decoder.imageLength();
        int wanted = Math.min(limit, files.size());
        byte[] pixels = new byte[wanted * imageLength];
        List<Integer> labels = new ArrayList<>();
        List<ImageFiles.Skipped> skipped = new ArrayList<>(files.skipped());
        int kept = 0;
        // Each round decodes as many files as images are still wanted; a file that fails leaves its place to the next.
        for (int next = 0; kept < wanted && next < files.size(); ) {
            int first = next;
            int slot = kept;
            int count = Math.min(wanted - kept, files.size() - first);
            List<BadImageException> failures = LoaderThreads.forEach("image-decode", config.loaderThreads(), count,
                    i -> decoder.decode(files.files().get(first + i), ImageDecoder.CENTER, false, pixels,
                            (slot + i) * imageLength), files.folder() + ": decoding");
            for (int i = 0; i < count; i++) {
                BadImageException failure = failures.get(i);
                if (failure != null) {
                    if (config.badFiles() == DataConfig.BadFiles.FAIL) {
                        throw new DataException(failure.file() + ": " + failure.getMessage() + " (data.badFiles: "
                                + "fail; set data.badFiles: skip to train without such files)", failure);
                    }
                    LOG.warn("Skipping {}: {}", failure.file(), failure.getMessage());
                    skipped.add(new ImageFiles.Skipped(failure.file(), failure.kind(), failure.getMessage()));
                    continue;
                }
                if (kept != slot + i) {
                    System.arraycopy(pixels, (slot + i) * imageLength, pixels, kept * imageLength, imageLength);
                }
                kept++;
                labels.add(files.labels() == null ? -1 : files.labels()[first + i]);
            }
            next = first + count;
        }
        if (kept == 0) {
            throw new DataException(files.folder() + ": none of the " + (files.size() + files.skipped().size())
                    + " image files could be decoded; see the warnings above");
        }
        byte[] trimmed = kept == wanted ? pixels : Arrays.copyOf(pixels, kept * imageLength);
        int[] keptLabels = files.labels() == null ? null : labels.stream().mapToInt(Integer::intValue).toArray();
        LOG.info("Loaded {} images of {}x{}x{} from {} ({})", kept, config.channels(), config.imageSize(),
                config.imageSize(), files.folder(), ImageFiles.summary(skipped));
        return new Decoded(DecodedImages.of(trimmed, kept, config.channels(), config.imageSize(), keptLabels,
                files.classNames(), config.path()), List.copyOf(skipped));
    }
}
