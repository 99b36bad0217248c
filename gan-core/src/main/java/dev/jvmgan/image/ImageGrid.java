package dev.jvmgan.image;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pictures from network output: NCHW arrays in [-1, 1] with 1 (grey) or 3 (RGB) channels become
 * {@code TYPE_BYTE_GRAY} or {@code TYPE_INT_RGB} images, values clamped to [-1, 1] and mapped to
 * {@code round((x + 1) * 127.5)}; NaN becomes 0.
 *
 * <pre>{@code
 * ImageGrid.writePng(ImageGrid.grid(fakeImages, 8, 2), runDir.resolve("samples/step-001000.png"));
 * }</pre>
 *
 * <p>Pixels are written to the rasters directly, never through {@code setRGB}: Java2D treats byte-grey as linear
 * grey and would shift the values on that route.
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * Tiles all images row by row, {@code min(columns, N)} per row, with {@code padding} black pixels around and
     * between tiles (as torchvision's {@code make_grid}). The last row may be incomplete; its empty cells are black.
     */
    public static BufferedImage grid(INDArray images, int columns, int padding) {
        if (columns < 1 || padding < 0) {
            throw new IllegalArgumentException("need columns >= 1 and padding >= 0, got columns = " + columns
                    + ", padding = " + padding);
        }
        long[] shape = checkShape(images);
        int count = (int) shape[0];
        int channels = (int) shape[1];
        int height = (int) shape[2];
        int width = (int) shape[3];
        int cols = Math.min(columns, count);
        int rows = (count + cols - 1) / cols;
        long gridWidth = (long) cols * (width + padding) + padding;
        long gridHeight = (long) rows * (height + padding) + padding;
        if (gridWidth * gridHeight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid of " + gridWidth + "x" + gridHeight + " pixels is too large");
        }
        float[] values = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int outWidth = (int) gridWidth;
        int outHeight = (int) gridHeight;
        int plane = height * width;
        int[] canvas = new int[outWidth * outHeight];
        for (int n = 0; n < count; n++) {
            int left = padding + (n % cols) * (width + padding);
            int top = padding + (n / cols) * (height + padding);
            int base = n * channels * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = base + y * width + x;
                    int pixel;
                    if (channels == 1) {
                        pixel = toByte(values[at]);
                    } else {
                        pixel = toByte(values[at]) << 16 | toByte(values[at + plane]) << 8
                                | toByte(values[at + 2 * plane]);
                    }
                    canvas[(top + y) * outWidth + left + x] = pixel;
                }
            }
        }
        BufferedImage image;
        if (channels == 1) {
            image = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSamples(0, 0, outWidth, outHeight, 0, canvas);
        } else {
            image = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
            image.getRaster().setDataElements(0, 0, outWidth, outHeight, canvas);
        }
        return image;
    }

    /** The smallest tile side at which a person can see a generated image: 28x28 tiles are shown 3x, at 84 px. */
    public static final int VISIBLE_TILE = 84;

    /**
     * The integer scale at which tiles of {@code tileSize} pixels are at least {@link #VISIBLE_TILE} wide: 3 for 28,
     * 2 for 64, 1 from 84 up.
     */
    public static int visibleScale(int tileSize) {
        if (tileSize < 1) {
            throw new IllegalArgumentException("tileSize must be >= 1, got " + tileSize);
        }
        return Math.max(1, (VISIBLE_TILE + tileSize - 1) / tileSize);
    }

    /**
     * {@code image} enlarged {@code scale} times by nearest neighbour: every pixel becomes a scale x scale block of
     * the same value, so no value is invented or blurred (scale 1 returns the image itself).
     */
    public static BufferedImage upscale(BufferedImage image, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        if (scale == 1) {
            return image;
        }
        long width = (long) image.getWidth() * scale;
        long height = (long) image.getHeight() * scale;
        if (width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " pixels is too large");
        }
        BufferedImage out = new BufferedImage((int) width, (int) height, image.getType());
        var source = image.getRaster();
        var target = out.getRaster();
        int bands = source.getNumBands();
        int[] row = new int[image.getWidth() * bands];
        int[] wide = new int[(int) width * bands];
        for (int y = 0; y < image.getHeight(); y++) {
            source.getPixels(0, y, image.getWidth(), 1, row);
            for (int x = 0; x < (int) width; x++) {
                System.arraycopy(row, (x / scale) * bands, wide, x * bands, bands);
            }
            for (int k = 0; k < scale; k++) {
                target.setPixels(0, y * scale + k, (int) width, 1, wide);
            }
        }
        return out;
    }

    /** Image {@code index} of the batch alone, without padding. */
    public static BufferedImage single(INDArray images, int index) {
        long[] shape = checkShape(images);
        if (index < 0 || index >= shape[0]) {
            throw new IndexOutOfBoundsException("index " + index + " outside the batch of " + shape[0] + " images");
        }
        INDArray one = images.get(NDArrayIndex.interval(index, index + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        return grid(one, 1, 0);
    }

    /**
     * Writes {@code image} as PNG to {@code file}, creating missing parent directories. The bytes go to a temporary
     * file next to the target, which is then renamed over it, so a reader (or a crash) never sees a half-written
     * PNG.
     *
     * @throws IOException naming {@code file} if the directory cannot be created or written
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Not Files.createTempFile: its 0600 mode would survive the rename and hide samples from other users.
            temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong()) + ".tmp");
            encodePng(image, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new IOException("cannot write PNG " + file + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void encodePng(BufferedImage image, Path temp) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer registered with ImageIO");
        }
        ImageWriter writer = writers.next();
        // A file-backed stream: ImageIO's default stream route would also create a cache file in java.io.tmpdir.
        try (ImageOutputStream out = new FileImageOutputStream(temp.toFile())) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }

    /** NIO exceptions often carry only a path as message; say what went wrong. */
    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a parent path exists but is not a directory (" + e.getMessage() + ")";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long[] checkShape(INDArray images) {
        long[] shape = images.shape();
        if (shape.length != 4 || (shape[1] != 1 && shape[1] != 3) || shape[0] < 1) {
            throw new IllegalArgumentException("expected NCHW images with 1 or 3 channels and N >= 1, got shape "
                    + Arrays.toString(shape));
        }
        return shape;
    }

    private static int toByte(float value) {
        if (Float.isNaN(value)) {
            return 0;
        }
        float clamped = Math.max(-1f, Math.min(1f, value));
        return Math.round((clamped + 1f) * 127.5f);
    }
}
