package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The file format and place of {@code data.cache: disk} ({@link CachedFolder}): a folder's decoded images in one file,
 * which later runs read instead of decoding. The file's name is a hash of everything that shapes its content: the
 * folder's absolute path, every image file's relative path, size and modification time, and the shape, background
 * and pixel limit. Change any of them and a new cache file is built; old ones are left for the user to delete.
 *
 * <p>The cache lives in {@link TrainingData#defaultCacheDirectory()} unless the caller gives another directory,
 * never in the image folder. It is written to a temporary file and renamed, so an interrupted build leaves no half
 * file. Files skipped when it was built are named again from it on every run.
 *
 * <p>Layout ({@link DataOutputStream}, big-endian): magic {@code "JGC1"}, image count, class count and each class
 * name ({@code writeUTF}), a labels flag and one int label per image, skipped-file count and each file and reason,
 * then the pixel byte count and the pixels (uint8 NCHW).
 */
final class DecodedCache {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedCache.class);
    private static final int MAGIC = 0x4A474331; // "JGC1"

    private DecodedCache() {
    }

    /**
     * The cache file for the folder's current content ({@code imageFiles}: every image file found in it) under
     * {@code config}.
     */
    static Path file(Path cacheDirectory, Path folder, List<Path> imageFiles, DataConfig config)
            throws DataException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path absolute = folder.toAbsolutePath().normalize();
            StringBuilder what = new StringBuilder("v1\n").append(absolute).append('\n')
                    .append(config.imageSize()).append(' ').append(config.channels()).append(' ')
                    .append(config.background()).append(' ').append(config.maxImagePixels()).append('\n');
            for (Path image : imageFiles) {
                what.append(folder.relativize(image)).append(' ').append(Files.size(image)).append(' ')
                        .append(Files.getLastModifiedTime(image).toMillis()).append('\n');
            }
            byte[] digest = sha.digest(what.toString().getBytes(StandardCharsets.UTF_8));
            String name = absolute.getFileName() == null ? "root" : absolute.getFileName().toString();
            return cacheDirectory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + config.imageSize() + "-"
                    + HexFormat.of().formatHex(digest, 0, 8) + ".u8");
        } catch (IOException e) {
            throw new DataException(folder + ": cannot list the folder for the cache: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The images of a cache file; empty when there is none, or when it cannot be read (then it is rebuilt). */
    static Optional<DecodedImages> read(Path file, Path folder, DataConfig config) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            DecodedImages images = readImages(file, config);
            LOG.info("{}: {} decoded images from the cache {}", folder, images.size(), file);
            return Optional.of(images);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cache {} cannot be read ({}); decoding {} again", file, e.getMessage(), folder);
            return Optional.empty();
        }
    }

    /** Writes the cache file; a failure is a warning, since training can go on from memory. */
    static void write(Path file, Path folder, FolderImages.Decoded decoded) {
        try {
            writeImages(file, decoded.images(), decoded.skipped());
            LOG.info("{}: decoded images cached in {}", folder, file);
        } catch (IOException e) {
            LOG.warn("Cannot write the cache {} ({}); training from memory without it", file, e.getMessage());
        }
    }

    private static void writeImages(Path file, DecodedImages images, List<ImageFiles.Skipped> skipped)
            throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(temporary);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(images.size());
                out.writeInt(images.classNames().size());
                for (String name : images.classNames()) {
                    out.writeUTF(name);
                }
                int[] labels = images.labels();
                out.writeBoolean(labels != null);
                if (labels != null) {
                    for (int label : labels) {
                        out.writeInt(label);
                    }
                }
                out.writeInt(skipped.size());
                for (ImageFiles.Skipped one : skipped) {
                    out.writeUTF(one.file().toString());
                    out.writeUTF(one.reason());
                }
                out.writeInt(images.pixels().length);
                out.write(images.pixels());
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static DecodedImages readImages(Path file, DataConfig config) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a jvm-gan cache file");
            }
            int count = in.readInt();
            int classes = in.readInt();
            List<String> classNames = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                classNames.add(in.readUTF());
            }
            int[] labels = null;
            if (in.readBoolean()) {
                labels = new int[count];
                for (int i = 0; i < count; i++) {
                    labels[i] = in.readInt();
                }
            }
            int skipped = in.readInt();
            for (int i = 0; i < skipped; i++) {
                LOG.warn("Skipping {}: {} (when the cache was built)", in.readUTF(), in.readUTF());
            }
            byte[] pixels = new byte[in.readInt()];
            in.readFully(pixels);
            return DecodedImages.of(pixels, count, config.channels(), config.imageSize(), labels, classNames,
                    config.path());
        }
    }
}
