package dev.jvmgan.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart axis: its range, and ticks at 1-2-5 steps (linear) or at powers of ten (log), a few per axis.
 *
 * @param lo    the value at the axis's start
 * @param hi    the value at its end (> lo)
 * @param ticks values to label, within [lo, hi]
 * @param log   whether positions are proportional to log10 of the value
 */
record Axis(double lo, double hi, List<Double> ticks, boolean log) {
    private static final int TICKS = 5;
    /** Room beyond the outer ticks, as a share of the axis, so a line at a tick's value never merges with the frame. */
    private static final double MARGIN = 0.03;

    /** A linear axis covering [min, max], widened to whole ticks; a single value gets a small range around it. */
    static Axis linear(double min, double max) {
        if (max <= min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / TICKS);
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        double margin = MARGIN * (hi - lo);
        return new Axis(lo - margin, hi + margin, ticks(lo, hi, step), false);
    }

    /** A linear axis with ticks over exactly [min, max] (fractions, percentages). */
    static Axis fixed(double min, double max) {
        double step = niceStep((max - min) / TICKS);
        double margin = MARGIN * (max - min);
        return new Axis(min - margin, max + margin, ticks(Math.ceil(min / step) * step, max, step), false);
    }

    /** A log axis from the power of ten at or below {@code min} to the one at or above {@code max}; both > 0. */
    static Axis log(double min, double max) {
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        int decades = (int) Math.round(Math.log10(hi / lo));
        int every = Math.max(1, (int) Math.ceil(decades / 6.0));
        List<Double> ticks = new ArrayList<>();
        for (int k = 0; k <= decades; k += every) {
            ticks.add(lo * Math.pow(10, k));
        }
        double margin = Math.pow(hi / lo, MARGIN);
        return new Axis(lo / margin, hi * margin, ticks, true);
    }

    /** Where {@code v} falls between lo (0) and hi (1). */
    double fraction(double v) {
        return log ? Math.log10(v / lo) / Math.log10(hi / lo) : (v - lo) / (hi - lo);
    }

    private static List<Double> ticks(double from, double to, double step) {
        List<Double> ticks = new ArrayList<>();
        for (int k = 0; from + k * step <= to + step * 1e-9; k++) {
            // In decimal: 0.1 + 2 * 0.1 is 0.30000000000000004 in binary floating point.
            ticks.add(java.math.BigDecimal.valueOf(from).add(java.math.BigDecimal.valueOf(step)
                    .multiply(java.math.BigDecimal.valueOf(k))).doubleValue());
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
