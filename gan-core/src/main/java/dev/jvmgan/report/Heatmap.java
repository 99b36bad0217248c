package dev.jvmgan.report;

import java.util.List;

/**
 * A layers x time heatmap as inline SVG: one row per layer (input side at the top), one column per check, each
 * cell coloured by log10 of its value on {@link Palette#sequential}, with the exact value in its tooltip. A run
 * with more than {@value #MAX_COLUMNS} checks is shown in {@value #MAX_COLUMNS} columns, each the geometric mean
 * of consecutive checks, which the caption says. Empty cells (no value, or not &gt; 0) are left blank.
 */
final class Heatmap {
    static final int MAX_COLUMNS = 120;
    private static final int WIDTH = 640;
    private static final int LEFT = 96;
    private static final int RIGHT = 14;
    private static final int TOP = 6;
    private static final int ROW = 22;

    private final String id;
    private final String title;
    private final List<String> rows;
    private final long[] iterations;
    private final double[][] values;

    /**
     * @param values {@code values[row][column]}, NaN where a layer has no value at a check
     */
    Heatmap(String id, String title, List<String> rows, long[] iterations, double[][] values) {
        this.id = id;
        this.title = title;
        this.rows = List.copyOf(rows);
        this.iterations = iterations.clone();
        this.values = values;
    }

    String html() {
        int columns = Math.min(iterations.length, MAX_COLUMNS);
        double[][] shown = new double[rows.size()][columns];
        long[] from = new long[columns];
        long[] to = new long[columns];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < columns; c++) {
            int a = (int) ((long) c * iterations.length / columns);
            int b = (int) ((long) (c + 1) * iterations.length / columns);
            from[c] = iterations[a];
            to[c] = iterations[b - 1];
            for (int r = 0; r < rows.size(); r++) {
                double logSum = 0;
                int n = 0;
                for (int k = a; k < b; k++) {
                    double v = values[r][k];
                    if (v > 0 && Double.isFinite(v)) {
                        logSum += Math.log10(v);
                        n++;
                    }
                }
                shown[r][c] = n == 0 ? Double.NaN : logSum / n;
                if (n > 0) {
                    lo = Math.min(lo, shown[r][c]);
                    hi = Math.max(hi, shown[r][c]);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        int plotHeight = rows.size() * ROW;
        int height = TOP + plotHeight + 30;
        double cellWidth = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, columns);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"plot\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">");
        for (int r = 0; r < rows.size(); r++) {
            int y = TOP + r * ROW;
            svg.append("<text class=\"row-label\" x=\"").append(LEFT - 6).append("\" y=\"").append(y + ROW / 2 + 4)
                    .append("\" text-anchor=\"end\">").append(Html.esc(rows.get(r))).append("</text>");
            for (int c = 0; c < columns; c++) {
                if (Double.isNaN(shown[r][c])) {
                    continue;
                }
                String when = from[c] == to[c] ? "it " + from[c] : "it " + from[c] + "-" + to[c] + " (geometric mean)";
                svg.append("<rect class=\"cell\" x=\"").append(Html.coord(LEFT + c * cellWidth)).append("\" y=\"")
                        .append(y).append("\" width=\"").append(Html.coord(cellWidth + 0.4)).append("\" height=\"")
                        .append(ROW - 2).append("\" fill=\"").append(Palette.sequential((shown[r][c] - lo) / (hi - lo)))
                        .append("\"><title>").append(Html.esc(rows.get(r) + ", " + when + ": "
                                + Html.num(Math.pow(10, shown[r][c])))).append("</title></rect>");
            }
        }
        svg.append(timeAxis(columns, cellWidth, TOP + plotHeight, from, to)).append("</svg>");

        String gradientId = "scale-" + id;
        StringBuilder out = new StringBuilder();
        out.append("<figure class=\"heatmap\" data-chart=\"").append(Html.esc(id)).append("\" data-rows=\"")
                .append(rows.size()).append("\" data-columns=\"").append(columns).append("\"><figcaption>")
                .append(Html.esc(title)).append("</figcaption>").append(svg)
                .append("<div class=\"colour-bar\"><span>").append(Html.num(Math.pow(10, lo)))
                .append("</span><svg width=\"180\" height=\"12\"><defs><linearGradient id=\"").append(gradientId)
                .append("\">").append(Palette.sequentialStops()).append("</linearGradient></defs><rect width=\"180\" ")
                .append("height=\"12\" fill=\"url(#").append(gradientId).append(")\"/></svg><span>")
                .append(Html.num(Math.pow(10, hi))).append("</span><span class=\"muted\">log scale")
                .append(columns < iterations.length ? "; " + iterations.length + " checks in " + columns
                        + " columns, each the geometric mean of its checks" : "").append("</span></div>");
        return out.append("</figure>").toString();
    }

    private static String timeAxis(int columns, double cellWidth, int y, long[] from, long[] to) {
        StringBuilder g = new StringBuilder("<g class=\"grid\">");
        int labels = Math.min(columns, 6);
        for (int i = 0; i < labels; i++) {
            int c = labels == 1 ? 0 : (int) Math.round((double) i * (columns - 1) / (labels - 1));
            double x = LEFT + (c + 0.5) * cellWidth;
            g.append("<text x=\"").append(Html.coord(x)).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"middle\">").append(to[c] == from[c] ? to[c] : from[c] + "-" + to[c])
                    .append("</text>");
        }
        g.append("<text class=\"axis-title\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(y + 28)
                .append("\" text-anchor=\"middle\">iteration</text></g>");
        return g.toString();
    }
}
