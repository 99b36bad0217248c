package dev.jvmgan.eval;

/**
 * The 256 levels of an 8-bit image in the networks' range, {@code v / 127.5 - 1}, as training batches and PNGs
 * hold them. Generated images are rounded to these levels before they are scored, as clean-fid insists: a
 * generator's samples scored straight from the checkpoint and the same samples written as PNG files and scored as
 * a folder must give one score.
 */
final class Quantised {
    static final float[] LEVELS = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            LEVELS[v] = v / 127.5f - 1f;
        }
    }

    private Quantised() {
    }

    /**
     * The level a PNG stores for {@code value}: {@code round((clamp(value, -1, 1) + 1) * 127.5)}, in float as
     * {@code ImageGrid} writes it, NaN as 0.
     */
    static int level(float value) {
        if (Float.isNaN(value)) {
            return 0;
        }
        float clamped = Math.max(-1f, Math.min(1f, value));
        return Math.round((clamped + 1f) * 127.5f);
    }

    /** {@code values} rounded in place to the nearest of the 256 levels. */
    static void round(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = LEVELS[level(values[i])];
        }
    }
}
