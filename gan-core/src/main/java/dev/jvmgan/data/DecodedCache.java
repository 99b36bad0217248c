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

/**
 * {@code data.cache: disk}: a folder decoded once ({@link ImageFolder}) into one file of finished images, which later
 * runs read instead of decoding. The file's name is a hash of everything that shapes its content: the folder's
 * absolute path, every image file's relative path, size and modification time, and the shape, background and pixel
 * limit. Change any of them and a new cache file is built; old ones are left for the user to delete.
 *
 * <p>The cache lives in {@code $GAN_CACHE_DIR}, else {@code $XDG_CACHE_HOME/jvm-gan}, else
 * {@code ~/.cache/jvm-gan}, never in the image folder. It is written to a temporary file and renamed, so an
 * interrupted build leaves no half file. Files skipped when it was built are named again from it on every run.
 */
final class DecodedCache {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedCache.class);
    private static final int MAGIC = 0x4A474331; // "JGC1"

    private DecodedCache() {
    }

    static Path defaultDirectory() {
        String explicit = System.getenv("GAN_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvm-gan");
    }

    /** The folder's images from the cache, building the cache first when there is none for this content. */
    static ImageDataset load(Path folder, DataConfig config, Path cacheDirectory) throws DataException {
        Path file = cacheDirectory.resolve(key(folder, config) + ".u8");
        if (Files.isRegularFile(file)) {
            try {
                ImageDataset data = read(file, config);
                LOG.info("{}: {} decoded images from the cache {}", folder, data.size(), file);
                return data;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cache {} cannot be read ({}); decoding {} again", file, e.getMessage(), folder);
            }
        }
        ImageFolder.Loaded loaded = ImageFolder.load(folder, config);
        try {
            write(file, loaded);
            LOG.info("{}: decoded images cached in {}", folder, file);
        } catch (IOException e) {
            LOG.warn("Cannot write the cache {} ({}); training from memory without it", file, e.getMessage());
        }
        return ImageDataset.of(loaded.pixels(), loaded.count(), config.channels(), config.imageSize(),
                loaded.labels(), loaded.classNames(), config.path());
    }

    private static String key(Path folder, DataConfig config) throws DataException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path absolute = folder.toAbsolutePath().normalize();
            StringBuilder what = new StringBuilder("v1\n").append(absolute).append('\n')
                    .append(config.imageSize()).append(' ').append(config.channels()).append(' ')
                    .append(config.background()).append(' ').append(config.maxImagePixels()).append('\n');
            for (Path image : ImageFiles.find(folder)) {
                what.append(folder.relativize(image)).append(' ').append(Files.size(image)).append(' ')
                        .append(Files.getLastModifiedTime(image).toMillis()).append('\n');
            }
            byte[] digest = sha.digest(what.toString().getBytes(StandardCharsets.UTF_8));
            String name = absolute.getFileName() == null ? "root" : absolute.getFileName().toString();
            return name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + config.imageSize() + "-"
                    + HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new DataException(folder + ": cannot list the folder for the cache: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void write(Path file, ImageFolder.Loaded loaded) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(temporary);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(loaded.count());
                out.writeInt(loaded.classNames().size());
                for (String name : loaded.classNames()) {
                    out.writeUTF(name);
                }
                out.writeBoolean(loaded.labels() != null);
                if (loaded.labels() != null) {
                    for (int label : loaded.labels()) {
                        out.writeInt(label);
                    }
                }
                out.writeInt(loaded.skipped().size());
                for (ImageFiles.Skipped skipped : loaded.skipped()) {
                    out.writeUTF(skipped.file().toString());
                    out.writeUTF(skipped.reason());
                }
                out.writeInt(loaded.pixels().length);
                out.write(loaded.pixels());
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static ImageDataset read(Path file, DataConfig config) throws IOException {
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
            return ImageDataset.of(pixels, count, config.channels(), config.imageSize(), labels, classNames,
                    config.path());
        }
    }
}
