package dev.jvmgan.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian magic number {@code 0x0000TTDD} (type
 * {@code TT}, {@code DD} dimensions), {@code DD} big-endian int sizes, then the values. Only uint8 images (rank 3)
 * and uint8 labels (rank 1) are supported. Gzip is recognised by its magic bytes {@code 1f 8b}, not by the name.
 *
 * <p>The header is checked against the data that follows: a file that is shorter or longer than its header
 * announces is a {@link DataException} saying how many bytes were expected and how many were found.
 *
 * <p>A data set is an images file and, by MNIST's naming, the labels file next to it
 * ({@code train-images-idx3-ubyte.gz} pairs with {@code train-labels-idx1-ubyte.gz}): {@link #readWithLabels(String)}.
 */
public final class IdxReader {
    private static final Logger LOG = LoggerFactory.getLogger(IdxReader.class);
    /** uint8, 3 dimensions: count x rows x columns. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** uint8, 1 dimension: count. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UINT8 = 0x08;
    // Beyond this a byte[] cannot hold the payload.
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    /**
     * uint8 images in row-major order, {@code pixels[(i * rows + y) * columns + x]}. The array is not copied: the
     * record is a carrier from the reader to {@link IdxData}, not a public store.
     */
    public record Images(int count, int rows, int columns, byte[] pixels) {
    }

    /** Images and their labels, one per image; {@code labels} is null when there is no labels file. */
    record Labelled(Images images, int[] labels) {
    }

    private record Parsed(int[] dims, byte[] payload) {
    }

    private interface Read<T> {
        T read() throws IOException;
    }

    private IdxReader() {
    }

    /**
     * An images file and the labels file MNIST's naming pairs with it, when that exists.
     *
     * @param path the images file as configured, relative to the working directory
     * @throws DataException naming the file: not a valid path, missing, a directory, unreadable, not IDX, truncated
     */
    static Labelled readWithLabels(String path) throws DataException {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new DataException(path + ": not a valid path: " + e.getReason(), e);
        }
        Images images = named(file.toString(), () -> readImages(file));
        Path labelsFile = labelsFile(file);
        int[] labels = labelsFile == null ? null : named(labelsFile.toString(), () -> readLabels(labelsFile));
        return new Labelled(images, labels);
    }

    /** Images and labels from streams (classpath resources), each named in messages by {@code *Name}. */
    static Labelled readWithLabels(InputStream images, String imagesName, InputStream labels, String labelsName)
            throws DataException {
        return new Labelled(named(imagesName, () -> readImages(images, imagesName)),
                named(labelsName, () -> readLabels(labels, labelsName)));
    }

    /**
     * The labels file that goes with an images file ({@code train-images-idx3-ubyte.gz}: {@code
     * train-labels-idx1-ubyte.gz} beside it), or null when there is none.
     */
    public static Path labelsFile(Path imagesFile) {
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

    /** Every failure as a {@link DataException} that names what was read. */
    private static <T> T named(String name, Read<T> action) throws DataException {
        try {
            return action.read();
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static Images readImages(Path file) throws IOException {
        try (InputStream in = open(file, "IDX images")) {
            return readImages(in, file.toString());
        }
    }

    /** @param name what to call the source in error messages, such as the file or resource path */
    public static Images readImages(InputStream in, String name) throws IOException {
        Parsed parsed = read(in, name, IMAGES_MAGIC, "images");
        return new Images(parsed.dims[0], parsed.dims[1], parsed.dims[2], parsed.payload);
    }

    /** @return the labels as 0..255 */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file, "IDX labels")) {
            return readLabels(in, file.toString());
        }
    }

    public static int[] readLabels(InputStream in, String name) throws IOException {
        byte[] payload = read(in, name, LABELS_MAGIC, "labels").payload;
        int[] labels = new int[payload.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = payload[i] & 0xFF;
        }
        return labels;
    }

    static InputStream open(Path file, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a directory, expected an " + what + " file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file (expected an " + what + " file)", e);
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": cannot read the " + what + " file (permission denied)", e);
        }
    }

    private static Parsed read(InputStream raw, String name, int expectedMagic, String what) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        InputStream in = buffered;
        String kind = what.equals("images") ? "IDX images file" : "IDX labels file";
        // Lengths after decompression are what the header describes; say so, or "found 1000 bytes" confuses.
        String unit = gzip ? " bytes (after gunzip)" : " bytes";
        try {
            if (gzip) {
                in = new GZIPInputStream(buffered, 1 << 16);
            }
            byte[] magicBytes = new byte[4];
            int got = readFully(in, magicBytes);
            if (got < 4) {
                throw new DataException(name + ": too short for an " + kind + ": expected at least 4" + unit
                        + " of header, found " + got);
            }
            int magic = bigEndian(magicBytes, 0);
            if (magic != expectedMagic) {
                throw new DataException(name + ": " + describeWrongMagic(magic, expectedMagic, kind));
            }
            int rank = expectedMagic & 0xFF;
            int headerBytes = 4 + 4 * rank;
            byte[] dimBytes = new byte[4 * rank];
            got = readFully(in, dimBytes);
            if (got < dimBytes.length) {
                throw new DataException(name + ": truncated " + kind + ": the header needs " + headerBytes + unit
                        + ", found " + (4 + got));
            }
            int[] dims = new int[rank];
            long payloadBytes = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = bigEndian(dimBytes, 4 * d);
                if (dims[d] < 0) {
                    throw new DataException(name + ": garbled " + kind + " header: dimension " + d + " is "
                            + dims[d] + " (read as a signed int); sizes must be >= 0");
                }
                payloadBytes *= dims[d];
                if (payloadBytes > MAX_PAYLOAD) {
                    throw new DataException(name + ": garbled " + kind + " header: dimensions "
                            + Arrays.toString(dims) + " need more than " + MAX_PAYLOAD + " bytes");
                }
            }
            long expected = headerBytes + payloadBytes;
            byte[] payload = new byte[(int) payloadBytes];
            got = readFully(in, payload);
            if (got < payload.length) {
                throw new DataException(name + ": truncated " + kind + ": the header announces "
                        + describeDims(dims, what) + ", so expected " + expected + unit + ", found "
                        + (headerBytes + got));
            }
            long trailing = in.transferTo(OutputStream.nullOutputStream());
            if (trailing > 0) {
                throw new DataException(name + ": garbled " + kind + ": the header announces "
                        + describeDims(dims, what) + ", so expected " + expected + unit + ", found "
                        + (expected + trailing));
            }
            return new Parsed(dims, payload);
        } catch (EOFException | ZipException e) {
            // A cut-off or damaged gzip stream fails inside the inflater, before we can count bytes.
            throw new DataException(name + ": corrupt or truncated gzip data in " + kind + ": " + e.getMessage(), e);
        }
    }

    /** Like {@code readNBytes}, but a gzip stream that ends early reports how far it got instead of throwing. */
    private static int readFully(InputStream in, byte[] target) throws IOException {
        int filled = 0;
        while (filled < target.length) {
            int n;
            try {
                n = in.read(target, filled, target.length - filled);
            } catch (EOFException e) {
                return filled;
            }
            if (n < 0) {
                return filled;
            }
            filled += n;
        }
        return filled;
    }

    private static String describeWrongMagic(int magic, int expectedMagic, String kind) {
        String expected = String.format("expected an %s (magic 0x%08X)", kind, expectedMagic);
        if (magic == IMAGES_MAGIC || magic == LABELS_MAGIC) {
            String found = magic == IMAGES_MAGIC ? "an IDX images file" : "an IDX labels file";
            return String.format("this is %s (magic 0x%08X), %s", found, magic, expected);
        }
        if ((magic >>> 16) == 0 && isIdxType((magic >>> 8) & 0xFF)) {
            return String.format("IDX file of type 0x%02X with %d dimensions (magic 0x%08X), %s; only uint8 "
                    + "(type 0x08) is supported", (magic >>> 8) & 0xFF, magic & 0xFF, magic, expected);
        }
        return String.format("not an IDX file: starts with 0x%08X, %s", magic, expected);
    }

    private static boolean isIdxType(int type) {
        return type == UINT8 || type == 0x09 || (type >= 0x0B && type <= 0x0E);
    }

    private static String describeDims(int[] dims, String what) {
        if (dims.length == 3) {
            return dims[0] + " " + what + " of " + dims[1] + "x" + dims[2];
        }
        return dims[0] + " " + what;
    }

    private static int bigEndian(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
