package dev.jvmgan.data;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.decode.ImageFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.jvmgan.data.decode.ImageFixtures.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Reading a folder: which files, their classes, decoding them into memory (the disk cache's and readAll's path). */
class ImageFolderTest {
    private static final String NOT_AN_IMAGE = "not an image: no reader recognises its content (23 bytes, starting "
            + "\"this is text, no\")";

    @TempDir
    Path dir;

    private Path zeroBytes;
    private Path textAsPng;

    /**
     * Five tiny images (sorted order: a_grey.png, b_red.JPG, c_blue.bmp, nested/d_rgba.png, nested/e_grey_alpha.png)
     * plus two broken files and one ignored text file.
     */
    @BeforeEach
    void writeFolder() throws IOException {
        Files.createDirectories(dir.resolve("nested"));
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        fillGrey(grey, 90);
        write(grey, "png", dir.resolve("a_grey.png"));
        write(solid(6, 6, new Color(255, 0, 0)), "jpeg", dir.resolve("b_red.JPG"));
        write(solid(4, 4, new Color(0, 0, 255)), "bmp", dir.resolve("c_blue.bmp"));
        BufferedImage rgba = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        fillArgb(rgba, 0x80FFFFFF); // white at alpha 128/255 over black
        write(rgba, "png", dir.resolve("nested/d_rgba.png"));
        zeroBytes = Files.write(dir.resolve("nested/empty.png"), new byte[0]);
        textAsPng = Files.writeString(dir.resolve("notes.png"), "this is text, not a PNG");
        Files.writeString(dir.resolve("readme.txt"), "ignored: not an image extension");
    }

    private static DataConfig config(Path folder, int size, int channels) {
        return new DataConfig(DataSource.FOLDER, folder.toString(), size, channels);
    }

    /** Every usable image of the folder, decoded into memory centre-cropped. */
    private static DecodedImages decode(Path folder, int size, int channels) throws DataException {
        DataConfig config = config(folder, size, channels);
        return FolderImages.decode(ImageFiles.check(folder, ImageFiles.find(folder), config), config,
                Integer.MAX_VALUE).images();
    }

    @Test
    void findsReadableImagesAndSkipsBrokenOnesWithAReason() throws IOException {
        ImageFiles files = ImageFiles.check(dir, ImageFiles.find(dir), config(dir, 4, 3));

        assertThat(decode(dir, 4, 3).size()).isEqualTo(4);
        assertThat(files.files()).extracting(p -> dir.relativize(p).toString())
                .containsExactly("a_grey.png", "b_red.JPG", "c_blue.bmp", "nested/d_rgba.png");
        assertThat(files.skipped()).extracting(ImageFiles.Skipped::file, ImageFiles.Skipped::reason)
                .containsExactlyInAnyOrder(
                        tuple(zeroBytes, "empty file (0 bytes)"),
                        tuple(textAsPng, NOT_AN_IMAGE));
    }

    @Test
    void skippedFilesAreLoggedAsWarnings() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(ImageFiles.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TrainingData.open(config(dir, 4, 1));
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.startsWith("Skipping"))
                .containsExactlyInAnyOrder("Skipping " + zeroBytes + ": empty file (0 bytes)",
                        "Skipping " + textAsPng + ": " + NOT_AN_IMAGE);
    }

    @Test
    void rgbConversionKeepsColoursAndCompositesAlphaOnBlack() throws IOException {
        DecodedImages data = decode(dir, 4, 3);

        assertThat(rgb(data, 0)).containsExactly(90, 90, 90);
        assertThat(rgb(data, 1)[0]).isGreaterThan(240); // JPEG: red, within compression error
        assertThat(rgb(data, 1)[1]).isLessThan(15);
        assertThat(rgb(data, 2)).containsExactly(0, 0, 255);
        assertThat(rgb(data, 3)).containsExactly(128, 128, 128);
        assertThat(data.labels()).as("nested/ is a class; files in the root have none").containsExactly(-1, -1, -1, 0);
        assertThat(data.classNames()).containsExactly("nested");
    }

    @Test
    void greyConversionIsBt601Luma() throws IOException {
        DecodedImages data = decode(dir, 4, 1);

        assertThat(data.channels()).isEqualTo(1);
        assertThat(data.pixel(0, 0, 1, 1)).isEqualTo(90);
        assertThat(data.pixel(2, 0, 1, 1)).isEqualTo(29); // blue: 0.114 * 255 = 29.07
        assertThat(data.pixel(3, 0, 1, 1)).isEqualTo(128);
    }

    @Test
    void greyWithAlphaIsNotGammaShifted() throws IOException {
        Path only = Files.createDirectories(dir.resolve("ga"));
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 2);
        raster.setPixels(0, 0, 2, 2, new int[] {50, 255, 200, 255, 200, 0, 100, 51});
        write(new BufferedImage(model, raster, false, null), "png", only.resolve("ga.png"));

        DecodedImages decoded = decode(only, 2, 1);

        // pixels (grey, alpha): (50, 255) (200, 255) / (200, 0) (100, 51)
        assertThat(decoded.pixels()).containsExactly(50, (byte) 200, 0, 20);
    }

    @Test
    void wideImageIsCentreCroppedThenScaled() throws IOException {
        Path only = Files.createDirectories(dir.resolve("wide"));
        // 24x8: red 8 columns, white 8, red 8. The centre square is all white.
        BufferedImage wide = solid(24, 8, Color.RED);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(8, 0, 8, 8);
        g.dispose();
        write(wide, "png", only.resolve("wide.png"));

        assertThat(decode(only, 2, 3).pixels()).hasSize(3 * 2 * 2).containsOnly((byte) 255);
        assertThat(decode(only, 5, 1).pixels()).hasSize(25).containsOnly((byte) 255);
    }

    @Test
    void emptyFolderIsAnErrorNamingIt() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("only.txt"), "no images here");

        assertThatThrownBy(() -> TrainingData.open(config(empty, 8, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(empty + ": contains no image files (looked recursively for .bmp .dib .gif .jfif");
    }

    @Test
    void folderWithOnlyBrokenImagesIsAnError() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.write(broken.resolve("x.png"), new byte[0]);

        assertThatThrownBy(() -> TrainingData.open(config(broken, 8, 1)))
                .isInstanceOf(DataException.class)
                .hasMessage(broken + ": none of the 1 image files could be read (" + broken.resolve("x.png")
                        + ": empty file (0 bytes))");
    }

    @Test
    void aFileIsNotAFolder() {
        assertThatThrownBy(() -> TrainingData.open(config(textAsPng, 8, 1)))
                .hasMessageStartingWith(textAsPng + ": is a file, but source: folder expects a directory");
    }

    @Test
    void extensionsAreCaseInsensitiveAndTheSearchRecursive() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        ImageFixtures.write(solid(4, 4, Color.RED), "png", tree.resolve("a/b/deep.PNG"));
        ImageFixtures.write(solid(4, 4, Color.RED), "jpeg", tree.resolve("top.JpEg"));
        ImageFixtures.write(solid(4, 4, Color.RED), "tiff", tree.resolve("a/t.TIF"));
        ImageFixtures.write(solid(4, 4, Color.RED), "png", tree.resolve(".hidden/skipped.png"));
        ImageFixtures.write(solid(4, 4, Color.RED), "png", tree.resolve("a/._macos-metadata.png"));
        Files.writeString(tree.resolve("a/notes.txt"), "not looked at");

        assertThat(ImageFiles.find(tree)).extracting(p -> tree.relativize(p).toString())
                .containsExactly("a/b/deep.PNG", "a/t.TIF", "top.JpEg");
    }

    private static int[] rgb(DecodedImages data, int index) {
        return new int[] {data.pixel(index, 0, 2, 2), data.pixel(index, 1, 2, 2), data.pixel(index, 2, 2, 2)};
    }

    private static void fillGrey(BufferedImage grey, int value) {
        for (int y = 0; y < grey.getHeight(); y++) {
            for (int x = 0; x < grey.getWidth(); x++) {
                grey.getRaster().setSample(x, y, 0, value);
            }
        }
    }

    private static void fillArgb(BufferedImage image, int argb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, argb);
            }
        }
    }

    private static void write(BufferedImage image, String format, Path file) throws IOException {
        assertThat(ImageIO.write(image, format, file.toFile())).as("writer for " + format).isTrue();
    }
}
