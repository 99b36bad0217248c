package dev.jvmgan.model;

/**
 * The images the networks exchange: {@code channels x size x size}, NCHW.
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param size     side in pixels, at least 1
 */
public record ImageShape(int channels, int size) {
    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels: " + channels + " must be 1 (grey) or 3 (RGB)");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size: " + size + " must be >= 1");
        }
    }

    /** Values per image, {@code channels * size * size}: the width of an MLP generator's output. */
    public int pixels() {
        return channels * size * size;
    }
}
