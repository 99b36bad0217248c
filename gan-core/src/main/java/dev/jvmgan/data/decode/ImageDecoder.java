package dev.jvmgan.data.decode;

import dev.jvmgan.data.decode.BadImageException.Kind;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * One image file to finished pixels: through {@code javax.imageio} (the JDK's PNG, GIF, BMP, TIFF readers and the
 * TwelveMonkeys JPEG, BMP, TIFF, PNM and WebP plugins), composited onto the background, cropped to a square, scaled
 * to {@code imageSize} and written as planar uint8. Stateless apart from its settings, so decoding threads share one.
 *
 * <p><b>The dimension guard.</b> The reader reports width and height from the header ({@code getWidth(0)} after
 * {@code setInput}); above {@code maxImagePixels} the file is refused before any pixel buffer exists. Below it,
 * decodes take their estimated size from one heap budget (a third of {@code -Xmx}), so large images wait for each
 * other instead of running out of memory together.
 *
 * <p>Every failure is a {@link BadImageException} of a {@link Kind}: empty, not an image, unsupported format,
 * truncated (an EOF inside the data, or the JPEG decoder's "Truncated File - Missing EOI marker" or "Premature end"
 * warning, after which it returns the image with the missing part filled in grey), corrupt, too large.
 */
public final class ImageDecoder {
    /** A {@code cropFraction} that asks for the centred square. */
    public static final double CENTER = ImageResize.CENTER;

    // Full-size decoded raster (up to 8 bytes a pixel for 16-bit RGBA) plus its INT_RGB copy.
    private static final int BYTES_PER_PIXEL_ESTIMATE = 12;
    private static final int HEAP_BUDGET_MB = (int) Math.max(16, Runtime.getRuntime().maxMemory() / 3 / (1 << 20));
    private static final Semaphore HEAP_BUDGET = new Semaphore(HEAP_BUDGET_MB, true);
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private final int imageSize;
    private final int channels;
    private final int background;
    private final long maxImagePixels;

    /** What a file's header says; a {@link #probe probed} file may still fail to decode. */
    public record Header(String format, int width, int height) {
    }

    /**
     * @param imageSize      side of the finished square images
     * @param channels       1 (grey, BT.601 luma) or 3 (RGB)
     * @param background     0xRRGGBB that transparent pixels are composited onto
     * @param maxImagePixels width x height above which a file is refused from its header
     */
    public ImageDecoder(int imageSize, int channels, int background, long maxImagePixels) {
        this.imageSize = imageSize;
        this.channels = channels;
        this.background = background;
        this.maxImagePixels = maxImagePixels;
    }

    /** Bytes one finished image takes: {@code channels * imageSize^2}. */
    public int imageLength() {
        return channels * imageSize * imageSize;
    }

    /**
     * The cheap check of a file before training: it is not empty, a reader recognises it, its header's size passes
     * the guard, and, for PNG, JPEG and GIF, it ends with its format's end marker (when it does not, the file is
     * decoded once to tell a truncated file from one with trailing bytes).
     */
    public Header probe(Path file) throws BadImageException {
        Header header = withReader(file, (reader, claimed) -> claimed);
        if (!endsWithEndMarker(file, header.format())) {
            decode(file, CENTER, false, new byte[imageLength()], 0);
        }
        return header;
    }

    /**
     * Decodes {@code file} into {@code dst[offset .. offset + imageLength())} as planar uint8 {@code C x S x S}.
     *
     * @param cropFraction {@link #CENTER}, or where in [0, 1) of the free length along the long side the square
     *                     starts
     * @param flip         mirror left-right
     */
    public void decode(Path file, double cropFraction, boolean flip, byte[] dst, int offset)
            throws BadImageException {
        BufferedImage square = withReader(file, (reader, claimed) -> {
            long megabytes = Math.max(1, (long) claimed.width() * claimed.height() * BYTES_PER_PIXEL_ESTIMATE >> 20);
            int permits = (int) Math.min(megabytes, HEAP_BUDGET_MB);
            HEAP_BUDGET.acquireUninterruptibly(permits);
            try {
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(warningsInto(warnings));
                BufferedImage image = reader.read(0, reader.getDefaultReadParam());
                for (String warning : warnings) {
                    String lower = warning.toLowerCase(Locale.ROOT);
                    if (lower.contains("premature end") || lower.contains("truncated") || lower.contains("missing eoi")) {
                        throw new BadImageException(file, Kind.TRUNCATED, "truncated: the " + claimed.format()
                                + " data ends early (" + warning + ")");
                    }
                }
                if (image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new BadImageException(file, Kind.CORRUPT, "corrupt: the image has no pixels ("
                            + image.getWidth() + "x" + image.getHeight() + ")");
                }
                return ImageResize.square(ImageResize.toRgb(image, background), imageSize, cropFraction);
            } finally {
                HEAP_BUDGET.release(permits);
            }
        });
        ImageResize.toPlanes(square, channels, flip, dst, offset);
    }

    private interface ReaderAction<T> {
        T apply(ImageReader reader, Header claimed) throws IOException, BadImageException;
    }

    /** Opens the file, picks the reader by content, applies the dimension guard, then runs {@code action}. */
    private <T> T withReader(Path file, ReaderAction<T> action) throws BadImageException {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new BadImageException(file, Kind.NOT_AN_IMAGE, "cannot be read: " + e.getMessage(), e);
        }
        if (bytes == 0) {
            throw new BadImageException(file, Kind.EMPTY, "empty file (0 bytes)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new BadImageException(file, Kind.NOT_AN_IMAGE, "cannot be opened as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unrecognised(file, bytes);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                Header claimed = new Header(format, reader.getWidth(0), reader.getHeight(0));
                long pixels = (long) claimed.width() * claimed.height();
                if (pixels > maxImagePixels) {
                    throw new BadImageException(file, Kind.TOO_LARGE, "too large: the " + format + " header claims "
                            + claimed.width() + "x" + claimed.height() + " = " + pixels + " pixels, above "
                            + "data.maxImagePixels = " + maxImagePixels + " (refused before decoding; raise "
                            + "data.maxImagePixels, and GAN_XMX, to use it)");
                }
                return action.apply(reader, claimed);
            } finally {
                reader.dispose();
            }
        } catch (BadImageException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // Not a property of the file: treating it as a bad file would make the data order depend on timing.
            throw new IllegalStateException(file + ": out of heap while decoding it (" + e.getMessage() + "); raise "
                    + "GAN_XMX, or lower data.maxImagePixels or data.loaderThreads", e);
        } catch (IOException | RuntimeException e) {
            throw classify(file, e);
        }
    }

    /** Decoders throw anything from IIOException to ArrayIndexOutOfBoundsException on damaged data. */
    private static BadImageException classify(Path file, Exception e) {
        String message = messages(e);
        String lower = message.toLowerCase(Locale.ROOT);
        if (hasCause(e, EOFException.class) || lower.contains("premature end") || lower.contains("unexpected end")
                || lower.contains("end of file") || lower.contains("eof")) {
            return new BadImageException(file, Kind.TRUNCATED, "truncated: the data ends early (" + message + ")", e);
        }
        if (lower.contains("unsupported") || lower.contains("not supported")) {
            return new BadImageException(file, Kind.UNSUPPORTED, "unsupported format: " + message, e);
        }
        return new BadImageException(file, Kind.CORRUPT, "corrupt: " + message, e);
    }

    private static String messages(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!(t instanceof IIOException) || parts.isEmpty() || !parts.contains(m)) {
                parts.add(m);
            }
        }
        return String.join(": ", parts);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** No reader: a format known to be unsupported, by its magic bytes, or not an image at all. */
    private static BadImageException unrecognised(Path file, long bytes) {
        byte[] head = new byte[32];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            n = 0;
        }
        String known = ImageSignatures.name(head, n);
        if (known != null) {
            return new BadImageException(file, Kind.UNSUPPORTED, "unsupported format: " + known + "; the readers here "
                    + "take PNG, JPEG, BMP, GIF, TIFF, PNM and WebP (convert it, e.g. to PNG)");
        }
        return new BadImageException(file, Kind.NOT_AN_IMAGE, "not an image: no reader recognises its content ("
                + bytes + " bytes, starting " + ImageSignatures.show(head, n) + ")");
    }

    /** Whether the file ends as its format says a complete file ends; true where there is no cheap check. */
    private static boolean endsWithEndMarker(Path file, String format) {
        byte[] end;
        switch (format) {
            case "PNG" -> end = PNG_END;
            case "JPEG", "JPG" -> end = new byte[] {(byte) 0xFF, (byte) 0xD9};
            case "GIF" -> end = new byte[] {0x3B};
            default -> {
                return true;
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() < end.length) {
                return false;
            }
            byte[] tail = new byte[end.length];
            raf.seek(raf.length() - end.length);
            raf.readFully(tail);
            return java.util.Arrays.equals(tail, end);
        } catch (IOException e) {
            return false;
        }
    }

    private static IIOReadWarningListener warningsInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }
}
