package dev.jvmgan.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] idx(int magic, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int dim : dims) {
            out.writeInt(dim);
        }
        out.write(payload);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    /** {@code count} images of {@code rows x columns} with pixel value {@code (i * 31 + y * 7 + x) % 256}. */
    static byte[] pattern(int count, int rows, int columns) {
        byte[] pixels = new byte[count * rows * columns];
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    pixels[(i * rows + y) * columns + x] = (byte) pixel(i, y, x);
                }
            }
        }
        return pixels;
    }

    /** Pixel (y, x) of image i in {@link #pattern}. */
    static int pixel(int i, int y, int x) {
        return (i * 31 + y * 7 + x) % 256;
    }

    static Path writeImages(Path file, int count, int rows, int columns, boolean gzip) throws IOException {
        byte[] plain = idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, columns}, pattern(count, rows, columns));
        return Files.write(file, gzip ? gzip(plain) : plain);
    }

    static Path writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        byte[] payload = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            payload[i] = (byte) labels[i];
        }
        byte[] plain = idx(IdxReader.LABELS_MAGIC, new int[] {labels.length}, payload);
        return Files.write(file, gzip ? gzip(plain) : plain);
    }
}
