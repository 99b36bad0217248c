package dev.jvmgan.data.decode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/** Image files for tests: written with ImageIO where a writer exists, by hand where the bytes are the point. */
public final class ImageFixtures {
    private ImageFixtures() {
    }

    public static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Seeded noise: large enough entropy that a truncated copy really misses data. */
    public static BufferedImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    /** Columns of distinct colours, {@code x * 255 / (width - 1)} in red, so crops and flips are visible. */
    public static BufferedImage ramp(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / (width - 1)) << 16 | 0x40 << 8 | y * 255 / Math.max(1, height - 1));
            }
        }
        return image;
    }

    public static Path write(BufferedImage image, String format, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new AssertionError("no ImageIO writer for " + format + " and image type " + image.getType());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binary PPM (P6) or PGM (P5), by hand: 8-bit, or 16-bit big-endian when maxValue > 255. */
    public static Path pnm(Path file, int width, int height, int channels, int maxValue, int[] samples) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(((channels == 3 ? "P6" : "P5") + "\n" + width + " " + height + "\n" + maxValue + "\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int sample : samples) {
            if (maxValue > 255) {
                bytes.write(sample >>> 8);
            }
            bytes.write(sample & 0xFF);
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes.toByteArray());
    }

    /** Keeps the first {@code fraction} of the file's bytes. */
    public static Path truncate(Path file, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
    }

    /** A PNG whose IHDR claims {@code width x height} (8-bit RGB), with a tiny IDAT and a proper IEND. */
    public static Path pngClaiming(Path file, int width, int height) throws IOException {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        return png(file, ihdr.array(), new byte[] {0x78, (byte) 0x9C, 0x63, 0, 0, 0, 1, 0, 1});
    }

    /** A 4x4 RGB PNG whose IDAT is not zlib data: its header and end marker are fine, its pixels are not. */
    public static Path pngWithDamagedData(Path file) throws IOException {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(4).putInt(4).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] garbage = new byte[40];
        new Random(3).nextBytes(garbage);
        return png(file, ihdr.array(), garbage);
    }

    private static Path png(Path file, byte[] ihdr, byte[] idat) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes.toByteArray());
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** A BMP (BITMAPINFOHEADER, 24-bit) whose header claims {@code width x height}, followed by a few bytes. */
    public static Path bmpClaiming(Path file, int width, int height) throws IOException {
        ByteBuffer bmp = ByteBuffer.allocate(14 + 40 + 16).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(14 + 40 + 16).putInt(0).putInt(14 + 40);
        bmp.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0)
                .putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
        Files.createDirectories(file.getParent());
        return Files.write(file, bmp.array());
    }

    /** The start of an ISO-BMFF file with the given brand, as HEIC and AVIF files begin. */
    public static Path isoMedia(Path file, String brand) throws IOException {
        ByteBuffer box = ByteBuffer.allocate(64).putInt(24).put("ftyp".getBytes()).put(brand.getBytes())
                .putInt(0).put("mif1".getBytes()).put(brand.getBytes());
        Files.createDirectories(file.getParent());
        return Files.write(file, box.array());
    }

    /** A test resource copied to {@code file}. */
    public static Path resource(String name, Path file) throws IOException {
        try (InputStream in = ImageFixtures.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource /images/" + name);
            }
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
