package dev.jvmgan.data.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;

import static dev.jvmgan.data.decode.ImageFixtures.solid;
import static dev.jvmgan.data.decode.ImageFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every format the folder source reads, and every conversion on the way to planar uint8. */
class ImageFormatsTest {
    private static final Color COLOUR = new Color(10, 200, 30);

    @TempDir
    Path dir;

    /** Planar uint8 of one decoded file at {@code size}, centre-cropped, not mirrored. */
    private static int[] decode(Path file, int size, int channels, int background) throws BadImageException {
        byte[] out = new byte[channels * size * size];
        new ImageDecoder(size, channels, background, 1_000_000).decode(file, ImageDecoder.CENTER, false, out, 0);
        int[] values = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            values[i] = out[i] & 0xFF;
        }
        return values;
    }

    /** R, G, B of pixel (x, y) of a planar RGB result. */
    private static int[] rgbAt(int[] planes, int size, int x, int y) {
        int plane = size * size;
        int i = y * size + x;
        return new int[] {planes[i], planes[plane + i], planes[2 * plane + i]};
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "gif", "tiff"})
    void losslessFormatsKeepTheExactColour(String format) throws Exception {
        Path file = write(solid(6, 6, COLOUR), format, dir.resolve("solid." + format));

        assertThat(rgbAt(decode(file, 4, 3, 0), 4, 1, 2)).containsExactly(10, 200, 30);
    }

    @Test
    void jpegKeepsTheColourWithinCompressionError() throws Exception {
        Path file = write(solid(16, 16, COLOUR), "jpeg", dir.resolve("solid.JPG"));

        int[] rgb = rgbAt(decode(file, 8, 3, 0), 8, 3, 3);

        assertThat(rgb[0]).isCloseTo(10, within(4));
        assertThat(rgb[1]).isCloseTo(200, within(4));
        assertThat(rgb[2]).isCloseTo(30, within(4));
    }

    @Test
    void pnmColourAndSixteenBitGrey() throws Exception {
        int[] rgb = new int[4 * 4 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = 10;
            rgb[i + 1] = 200;
            rgb[i + 2] = 30;
        }
        Path ppm = ImageFixtures.pnm(dir.resolve("c.ppm"), 4, 4, 3, 255, rgb);
        int[] grey = new int[4 * 4];
        java.util.Arrays.fill(grey, 0x8080); // 32896 / 65535 * 255 = 128.0
        Path pgm = ImageFixtures.pnm(dir.resolve("g.pgm"), 4, 4, 1, 65535, grey);

        assertThat(rgbAt(decode(ppm, 4, 3, 0), 4, 0, 0)).containsExactly(10, 200, 30);
        assertThat(decode(pgm, 4, 1, 0)).containsOnly(128);
    }

    @Test
    void webpLosslessLossyAndAlpha() throws Exception {
        Path lossless = ImageFixtures.resource("red-blue-8x6-lossless.webp", dir.resolve("a.webp"));
        Path lossy = ImageFixtures.resource("red-blue-8x6-lossy.webp", dir.resolve("b.WEBP"));
        Path alpha = ImageFixtures.resource("red-clear-8x6-alpha.webp", dir.resolve("c.webp"));

        // 8x6: the centred 6x6 square is columns 1..6, three red then three blue.
        int[] exact = decode(lossless, 6, 3, 0);
        assertThat(rgbAt(exact, 6, 0, 0)).containsExactly(255, 0, 0);
        assertThat(rgbAt(exact, 6, 5, 5)).containsExactly(0, 0, 255);
        int[] approximate = rgbAt(decode(lossy, 6, 3, 0), 6, 0, 3);
        assertThat(approximate[0]).isGreaterThan(200);
        assertThat(approximate[2]).isLessThan(60);
        assertThat(rgbAt(decode(alpha, 6, 3, 0xFFFFFF), 6, 5, 0)).containsExactly(255, 255, 255);
        assertThat(rgbAt(decode(alpha, 6, 3, 0x000000), 6, 5, 0)).containsExactly(0, 0, 0);
        assertThat(rgbAt(decode(alpha, 6, 3, 0xFFFFFF), 6, 0, 0)).containsExactly(255, 0, 0);
    }

    @Test
    void alphaIsCompositedOnTheConfiguredBackground() throws Exception {
        BufferedImage rgba = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                rgba.setRGB(x, y, 0x80FFFFFF); // white at alpha 128/255
            }
        }
        Path file = write(rgba, "png", dir.resolve("half.png"));

        assertThat(decode(file, 4, 3, 0x000000)).containsOnly(128);
        assertThat(decode(file, 4, 3, 0xFFFFFF)).containsOnly(255);
        assertThat(rgbAt(decode(file, 4, 3, 0x0000FF), 4, 0, 0)).containsExactly(128, 128, 255);
    }

    @Test
    void greyWithAlphaIsCompositedPerChannel() throws Exception {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 2);
        raster.setPixels(0, 0, 2, 2, new int[] {100, 255, 100, 255, 100, 0, 100, 0});
        Path file = write(new BufferedImage(model, raster, false, null), "png", dir.resolve("ga.png"));

        int[] rgb = decode(file, 2, 3, 0xFF0000);

        assertThat(rgbAt(rgb, 2, 0, 0)).containsExactly(100, 100, 100);
        assertThat(rgbAt(rgb, 2, 0, 1)).containsExactly(255, 0, 0);
    }

    @Test
    void paletteWithATransparentEntryIsConverted() throws Exception {
        byte[] r = {(byte) 250, 0};
        byte[] g = {20, 0};
        byte[] b = {40, 0};
        IndexColorModel palette = new IndexColorModel(8, 2, r, g, b, 1); // entry 1 is transparent
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED, palette);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                raster.setSample(x, y, 0, y < 2 ? 0 : 1);
            }
        }
        Path png = write(image, "png", dir.resolve("palette.png"));
        Path gif = write(image, "gif", dir.resolve("palette.gif"));

        int[] fromPng = decode(png, 4, 3, 0xFFFFFF);
        assertThat(rgbAt(fromPng, 4, 0, 0)).containsExactly(250, 20, 40);
        assertThat(rgbAt(fromPng, 4, 3, 3)).containsExactly(255, 255, 255);
        // The JDK's GIF writer drops the transparent entry, so only the palette lookup is checked for GIF.
        assertThat(rgbAt(decode(gif, 4, 3, 0xFFFFFF), 4, 0, 0)).containsExactly(250, 20, 40);
    }

    @Test
    void sixteenBitPngsAreScaledToEightBits() throws Exception {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        ColorModel rgbModel = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster rgbRaster = rgbModel.createCompatibleWritableRaster(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                grey.getRaster().setSample(x, y, 0, 0x8080);
                rgbRaster.setPixel(x, y, new int[] {65535, 0, 0x8080});
            }
        }
        Path greyFile = write(grey, "png", dir.resolve("grey16.png"));
        Path rgbFile = write(new BufferedImage(rgbModel, rgbRaster, false, null), "png", dir.resolve("rgb16.png"));

        assertThat(decode(greyFile, 4, 1, 0)).containsOnly(128);
        assertThat(rgbAt(decode(rgbFile, 4, 3, 0), 4, 2, 2)).containsExactly(255, 0, 128);
    }

    @Test
    void greyOutputIsBt601LumaOfTheColour() throws Exception {
        Path file = write(solid(4, 4, COLOUR), "png", dir.resolve("c.png"));

        // 0.299 * 10 + 0.587 * 200 + 0.114 * 30 = 123.81
        assertThat(decode(file, 4, 1, 0)).containsOnly(124);
    }
}
