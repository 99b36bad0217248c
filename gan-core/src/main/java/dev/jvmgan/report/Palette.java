package dev.jvmgan.report;

import dev.jvmgan.chart.ChartStyle;

import java.awt.Color;
import java.util.Locale;

/** {@link ChartStyle#PALETTE} as CSS colours, and the sequential scale of the heatmaps. */
final class Palette {
    /** Light to dark, low to high: pale yellow through Okabe-Ito's orange and vermillion to a dark purple. */
    private static final int[] SEQUENTIAL = {0xFBE7A3, 0xF3C86E, 0xE69F00, 0xD55E00, 0x8E2A4A, 0x2D1140};

    private Palette() {
    }

    /** Colour {@code index} of the house palette, wrapping around. */
    static String hex(int index) {
        Color c = ChartStyle.PALETTE.get(Math.floorMod(index, ChartStyle.PALETTE.size()));
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }

    /** The heatmap colour of {@code t} in [0, 1] (clamped), interpolated between the stops. */
    static String sequential(double t) {
        double clamped = Math.max(0, Math.min(1, t));
        double at = clamped * (SEQUENTIAL.length - 1);
        int i = Math.min(SEQUENTIAL.length - 2, (int) Math.floor(at));
        double f = at - i;
        int a = SEQUENTIAL[i], b = SEQUENTIAL[i + 1];
        int r = mix(a >> 16, b >> 16, f), g = mix(a >> 8, b >> 8, f), bl = mix(a, b, f);
        return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, bl);
    }

    /** The CSS gradient stops of the sequential scale, for the heatmap's colour bar. */
    static String sequentialStops() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < SEQUENTIAL.length; i++) {
            out.append("<stop offset=\"").append(Html.coord(100.0 * i / (SEQUENTIAL.length - 1))).append("%\" stop-color=\"")
                    .append(String.format(Locale.ROOT, "#%06X", SEQUENTIAL[i])).append("\"/>");
        }
        return out.toString();
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) + ((b & 0xFF) - (a & 0xFF)) * f);
    }
}
