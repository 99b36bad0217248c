package dev.jvmgan.report;

import java.util.Locale;

/** Escaping and number formatting for the report's HTML and SVG: every text from a run's files passes through here. */
final class Html {
    private Html() {
    }

    /** Text safe inside an element or a double-quoted attribute. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Three significant digits (whole numbers from 1000), plain for 0.001 to 99999, scientific outside: {@code 0.259}, {@code 3.19}, {@code 2.5e-5}. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e3 && a < 1e5) {
            return Long.toString(Math.round(v));
        }
        if (a >= 1e-3 && a < 1e3) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                    .toPlainString();
        }
        String[] parts = String.format(Locale.ROOT, "%.2e", v).split("e");
        String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /** {@code 12.5%} for 0.125. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "NaN";
    }

    /** A coordinate in SVG user units, one decimal. */
    static String coord(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** {@code 1 h 02 min}, {@code 5 min 46 s}, {@code 42 s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    /** {@code 1.41 GB}, {@code 568 MB}, {@code 42 kB}. */
    static String bytes(long bytes) {
        return bytes >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
                : bytes >= 1_000_000L ? String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6))
                : String.format(Locale.ROOT, "%d kB", Math.round(bytes / 1e3));
    }
}
