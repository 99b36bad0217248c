package dev.jvmgan.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads every image under a folder into memory: the simple, eager loader for {@code source: folder}.
 *
 * <p>Files are found recursively by extension ({@link #EXTENSIONS}, case-insensitive) and read in path order, so
 * two loads of one folder give the same dataset. Each image is composited onto black, converted to grey or RGB,
 * centre-cropped to a square and scaled to {@code imageSize} (see {@code ImageResize}). A file that cannot be
 * decoded is skipped with a WARN naming it and the reason; the skips are also returned in {@link Loaded#skipped()}.
 *
 * <p>Limits, on purpose: everything is decoded up front on one thread and must fit in one {@code byte[]} (under
 * 2 GB, about 170k RGB images of 64x64). Symbolic links below the folder are not followed.
 */
public final class ImageFolder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

    /** Lower-case file extensions that are tried; anything else in the folder is ignored silently. */
    public static final Set<String> EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "pnm", "pgm", "ppm", "webp");

    /** A candidate file that was not used, and why. */
    public record Skipped(Path file, String reason) {
    }

    /**
     * The decoded images, planar uint8 {@code count x channels x imageSize x imageSize}, and where each came from.
     * The pixel array is not copied.
     */
    public record Loaded(int count, byte[] pixels, List<Path> files, List<Skipped> skipped) {
    }

    private ImageFolder() {
    }

    /**
     * @param channels 1 (grey, BT.601 luma) or 3 (RGB)
     * @throws DataException if the folder is missing, holds no image files, or none of them can be read
     */
    public static Loaded load(Path folder, int imageSize, int channels) throws DataException {
        if (imageSize < 1) {
            throw new IllegalArgumentException("imageSize = " + imageSize + " must be >= 1");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels = " + channels + " must be 1 (grey) or 3 (RGB)");
        }
        List<Path> candidates = findImageFiles(folder);
        long imageBytes = (long) channels * imageSize * imageSize;
        if (imageBytes * candidates.size() > Integer.MAX_VALUE - 64) {
            throw new DataException(folder + ": " + candidates.size() + " images of " + channels + "x" + imageSize
                    + "x" + imageSize + " need " + imageBytes * candidates.size() + " bytes, more than this "
                    + "in-memory loader holds (2 GB); use a smaller imageSize or fewer images");
        }
        byte[] pixels = new byte[(int) (imageBytes * candidates.size())];
        List<Path> used = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : candidates) {
            BufferedImage image;
            try {
                image = decode(file);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                skipped.add(new Skipped(file, reason));
                LOG.warn("Skipping {}: {}", file, reason);
                continue;
            }
            BufferedImage square = ImageResize.centreSquare(ImageResize.toRgb(image), imageSize);
            ImageResize.toPlanes(square, channels, pixels, (int) (imageBytes * used.size()));
            used.add(file);
        }
        if (used.isEmpty()) {
            Skipped first = skipped.get(0);
            throw new DataException(folder + ": none of the " + candidates.size() + " image files could be read ("
                    + first.file() + ": " + first.reason() + (skipped.size() > 1 ? "; see the warnings above" : "")
                    + ")");
        }
        LOG.info("Loaded {} images of {}x{}x{} from {} ({} skipped)", used.size(), channels, imageSize, imageSize,
                folder, skipped.size());
        byte[] trimmed = used.size() == candidates.size() ? pixels
                : Arrays.copyOf(pixels, (int) (imageBytes * used.size()));
        return new Loaded(used.size(), trimmed, List.copyOf(used), List.copyOf(skipped));
    }

    private static List<Path> findImageFiles(Path folder) throws DataException {
        if (!Files.exists(folder)) {
            throw new DataException(folder + ": no such folder (source: folder expects a directory of images)");
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + ": is a file, but source: folder expects a directory of images "
                    + "(for an MNIST-style file use source: idx)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(ImageFolder::hasImageExtension)
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataException(folder + ": contains no image files (looked recursively for "
                    + EXTENSIONS.stream().sorted().map(ext -> "." + ext).collect(Collectors.joining(" ")) + ")");
        }
        return files;
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BufferedImage decode(Path file) throws IOException {
        long bytes = Files.size(file);
        if (bytes == 0) {
            throw new IOException("empty file (0 bytes)");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not a readable image: no ImageIO reader recognises its content (" + bytes
                    + " bytes); the extension may not match the format");
        }
        if (image.getWidth() < 1 || image.getHeight() < 1) {
            throw new IOException("image has no pixels (" + image.getWidth() + "x" + image.getHeight() + ")");
        }
        return image;
    }
}
