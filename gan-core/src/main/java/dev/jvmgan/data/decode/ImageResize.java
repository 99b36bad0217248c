package dev.jvmgan.data.decode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;

/**
 * The one resize path for every source, so folder images and resized IDX images go through the same filter:
 * composite onto an opaque background in RGB, crop the square of the short side (centred, or at a given offset
 * along the long side), then scale with progressive bilinear halving (a single bilinear step from far away skips
 * source pixels and aliases; halving averages every source pixel, close to an area filter).
 */
public final class ImageResize {
    /** A {@code cropFraction} that asks for the centred square. */
    static final double CENTER = -1;

    private ImageResize() {
    }

    /**
     * Grey uint8 images as IDX files hold them (row-major, {@code pixels[(i * rows + y) * columns + x]}) to planar
     * uint8 {@code count x channels x size x size}: the grey value in every channel, and through the folder filter
     * ({@link #square}) when {@code size} is not the images' own.
     *
     * @return {@code pixels} itself when the images are already {@code size x size} grey and {@code channels} is 1
     */
    public static byte[] fitGrey(byte[] pixels, int count, int rows, int columns, int size, int channels) {
        if (rows == size && columns == size && channels == 1) {
            return pixels;
        }
        int plane = size * size;
        byte[] out = new byte[count * channels * plane];
        boolean sameSize = rows == size && columns == size;
        for (int i = 0; i < count; i++) {
            int src = i * rows * columns;
            int dst = i * channels * plane;
            if (sameSize) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(pixels, src, out, dst + c * plane, plane);
                }
            } else {
                toPlanes(square(fromGrey(pixels, src, columns, rows), size, CENTER), channels, false, out, dst);
            }
        }
        return out;
    }

    /**
     * Any image (palette, grey, 16-bit, with or without alpha) to opaque {@code TYPE_INT_RGB}; transparent pixels
     * are composited onto {@code background} (0xRRGGBB).
     */
    static BufferedImage toRgb(BufferedImage src, int background) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        if (src.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return greyToRgb(src, background);
        }
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            if (src.getTransparency() != Transparency.OPAQUE) {
                g.setColor(new Color(background));
                g.fillRect(0, 0, src.getWidth(), src.getHeight());
            }
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * Java2D draws grey+alpha images (PNG colour type 4) through the linear-grey colour space and brightens them
     * (50 becomes 122), so grey images are read sample by sample instead.
     */
    private static BufferedImage greyToRgb(BufferedImage src, int background) {
        Raster raster = src.getRaster();
        ColorModel model = src.getColorModel();
        int width = src.getWidth();
        int height = src.getHeight();
        double greyMax = (1L << model.getComponentSize(0)) - 1;
        boolean blendAlpha = model.hasAlpha() && !model.isAlphaPremultiplied();
        int alphaBand = raster.getNumBands() - 1;
        double alphaMax = model.hasAlpha() ? (1L << model.getComponentSize(alphaBand)) - 1 : 1;
        int[] rgb = new int[width * height];
        int[] under = {background >>> 16 & 0xFF, background >>> 8 & 0xFF, background & 0xFF};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double grey = raster.getSample(x, y, 0) / greyMax * 255;
                if (!blendAlpha) {
                    rgb[y * width + x] = (int) Math.round(grey) * 0x010101;
                    continue;
                }
                double alpha = raster.getSample(x, y, alphaBand) / alphaMax;
                int pixel = 0;
                for (int c = 0; c < 3; c++) {
                    pixel = pixel << 8 | (int) Math.round(grey * alpha + under[c] * (1 - alpha));
                }
                rgb[y * width + x] = pixel;
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getRaster().setDataElements(0, 0, width, height, rgb);
        return image;
    }

    /**
     * A fresh {@code size x size} RGB image: a square of {@code rgb}'s short side, scaled.
     *
     * @param cropFraction {@link #CENTER} for the centred square, else where in [0, 1) of the free
     *                     length along the long side the square starts
     */
    static BufferedImage square(BufferedImage rgb, int size, double cropFraction) {
        int side = Math.min(rgb.getWidth(), rgb.getHeight());
        int freeX = rgb.getWidth() - side;
        int freeY = rgb.getHeight() - side;
        BufferedImage current = rgb.getSubimage(offset(freeX, cropFraction), offset(freeY, cropFraction), side, side);
        int currentSide = side;
        // Halve while far above the target; the last step (ratio < 2, or an upscale) goes straight to size.
        while (currentSide / 2 >= size) {
            currentSide /= 2;
            current = scaled(current, currentSide);
        }
        // Always draw once more, even at ratio 1, so the result never shares a raster with the source.
        return scaled(current, size);
    }

    private static int offset(int free, double cropFraction) {
        return cropFraction < 0 ? free / 2 : Math.min(free, (int) (cropFraction * (free + 1)));
    }

    private static BufferedImage scaled(BufferedImage src, int side) {
        BufferedImage dst = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /**
     * Writes a square RGB image as planar uint8 {@code C x S x S} at {@code dst[offset..]}, mirrored left-right when
     * {@code flip}. Grey is BT.601 luma ({@code 0.299 R + 0.587 G + 0.114 B}, rounded), which leaves grey pixels
     * unchanged.
     */
    static void toPlanes(BufferedImage squareRgb, int channels, boolean flip, byte[] dst, int offset) {
        int side = squareRgb.getWidth();
        int plane = side * side;
        int[] argb = (int[]) squareRgb.getRaster().getDataElements(0, 0, side, side, null);
        if (flip) {
            for (int row = 0; row < plane; row += side) {
                for (int x = 0, y = side - 1; x < y; x++, y--) {
                    int swap = argb[row + x];
                    argb[row + x] = argb[row + y];
                    argb[row + y] = swap;
                }
            }
        }
        for (int i = 0; i < plane; i++) {
            int r = (argb[i] >>> 16) & 0xFF;
            int g = (argb[i] >>> 8) & 0xFF;
            int b = argb[i] & 0xFF;
            if (channels == 1) {
                dst[offset + i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            } else {
                dst[offset + i] = (byte) r;
                dst[offset + plane + i] = (byte) g;
                dst[offset + 2 * plane + i] = (byte) b;
            }
        }
    }

    /** A grey uint8 image (one IDX image) as RGB with r = g = b. */
    static BufferedImage fromGrey(byte[] src, int offset, int width, int height) {
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (src[offset + i] & 0xFF) * 0x010101;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getRaster().setDataElements(0, 0, width, height, rgb);
        return image;
    }
}
