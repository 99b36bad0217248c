package dev.jvmgan.report;

import dev.jvmgan.chart.ChartStyle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart as inline SVG in the house look ({@link ChartStyle}'s palette, coincident lines as nested stripes):
 * one {@code <path class="series">} per series (a {@code <circle class="series">} for a series of one point), with
 * the points in {@code data-x}/{@code data-y} for the page's read-out and for tests, and an HTML legend that ends
 * each entry with the line's last value. Non-finite values (and, on a log axis, values &lt;= 0) are gaps.
 *
 * <pre>{@code
 * String html = new LineChart("losses", "Losses", "loss").add(LineChart.line("D loss", x, dLoss, 0)).html();
 * }</pre>
 */
final class LineChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 250;
    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 12;
    private static final int BOTTOM = 34;

    /** One line: {@code colour} indexes the palette; {@code width} in px. */
    record Series(String name, double[] x, double[] y, int colour, boolean dashed, double width) {
    }

    /** A labelled point (the best score). */
    record Marker(double x, double y, String label) {
    }

    private final String id;
    private final String title;
    private final String yTitle;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private boolean logY;
    private Double yMin;
    private Double yMax;
    private DoubleFunction<String> format = Html::num;
    private String note = "";

    LineChart(String id, String title, String yTitle) {
        this.id = id;
        this.title = title;
        this.yTitle = yTitle;
    }

    /** A solid line of the usual width. */
    static Series line(String name, double[] x, double[] y, int colour) {
        return new Series(name, x, y, colour, false, 2.2);
    }

    LineChart add(Series s) {
        series.add(s);
        return this;
    }

    /**
     * Adds lines that may coincide (layers at 0% dead) with {@link ChartStyle#stripeWidth} widths, widest first, so
     * each stays visible; colours in order.
     */
    LineChart addStriped(List<Series> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Series s = lines.get(i);
            series.add(new Series(s.name(), s.x(), s.y(), s.colour(), s.dashed(),
                    s.dashed() ? 1.3 : ChartStyle.stripeWidth(i, lines.size()) * 0.8));
        }
        return this;
    }

    LineChart mark(Marker marker) {
        markers.add(marker);
        return this;
    }

    LineChart logY() {
        logY = true;
        return this;
    }

    LineChart yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    /** How values print on the y axis, in the legend and the read-out. */
    LineChart format(DoubleFunction<String> f) {
        format = f;
        return this;
    }

    /** A sentence under the chart. */
    LineChart note(String text) {
        note = text;
        return this;
    }

    boolean isEmpty() {
        return series.stream().noneMatch(s -> points(s) > 0);
    }

    private boolean usable(double y) {
        return Double.isFinite(y) && (!logY || y > 0);
    }

    private int points(Series s) {
        int n = 0;
        for (int i = 0; i < s.y().length; i++) {
            n += usable(s.y()[i]) && Double.isFinite(s.x()[i]) ? 1 : 0;
        }
        return n;
    }

    String html() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                if (usable(s.y()[i]) && Double.isFinite(s.x()[i])) {
                    x0 = Math.min(x0, s.x()[i]);
                    x1 = Math.max(x1, s.x()[i]);
                    y0 = Math.min(y0, s.y()[i]);
                    y1 = Math.max(y1, s.y()[i]);
                }
            }
        }
        if (x0 > x1) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (yMin != null) {
            y0 = Math.min(y0, yMin);
            y1 = Math.max(y1, yMax);
        }
        Axis xAxis = Axis.linear(x0, x1);
        Axis yAxis = logY ? Axis.log(y0, y1) : Axis.linear(y0, y1);
        if (yMin != null) {
            yAxis = Axis.fixed(Math.min(y0, yMin), Math.max(y1, yMax));
        }
        Plot plot = new Plot(xAxis, yAxis, LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, TOP);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"plot\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\" data-left=\"").append(LEFT)
                .append("\" data-right=\"").append(WIDTH - RIGHT).append("\" data-x0=\"").append(xAxis.lo())
                .append("\" data-x1=\"").append(xAxis.hi()).append("\">");
        svg.append(plot.grid(format));
        svg.append("<text class=\"axis-title\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"")
                .append(HEIGHT - 3).append("\" text-anchor=\"middle\">iteration</text>");
        svg.append("<text class=\"axis-title\" transform=\"translate(12,").append((TOP + HEIGHT - BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.esc(yTitle)).append("</text>");
        svg.append("<g class=\"lines\">");
        for (Series s : series) {
            svg.append(seriesSvg(s, plot));
        }
        svg.append("</g>");
        for (Marker m : markers) {
            if (usable(m.y())) {
                String cx = Html.coord(plot.x(m.x())), cy = Html.coord(plot.y(m.y()));
                svg.append("<g class=\"marker\" data-marker=\"").append(Html.esc(m.label())).append("\"><circle cx=\"")
                        .append(cx).append("\" cy=\"").append(cy).append("\" r=\"7\"/><text x=\"").append(cx)
                        .append("\" y=\"").append(Html.coord(plot.y(m.y()) - 11)).append("\" text-anchor=\"middle\">")
                        .append(Html.esc(m.label())).append("</text></g>");
            }
        }
        svg.append("<line class=\"cursor\" x1=\"0\" x2=\"0\" y1=\"").append(TOP).append("\" y2=\"")
                .append(HEIGHT - BOTTOM).append("\" visibility=\"hidden\"/></svg>");

        StringBuilder out = new StringBuilder();
        out.append("<figure class=\"chart\" data-chart=\"").append(Html.esc(id)).append("\" data-series-count=\"")
                .append(series.stream().filter(s -> points(s) > 0).count()).append("\"><figcaption>")
                .append(Html.esc(title)).append("</figcaption>").append(svg).append("<div class=\"legend\">");
        for (Series s : series) {
            out.append("<span><svg width=\"26\" height=\"10\"><line x1=\"1\" y1=\"5\" x2=\"25\" y2=\"5\" stroke=\"")
                    .append(Palette.hex(s.colour())).append("\" stroke-width=\"").append(s.dashed() ? 1.5 : 3)
                    .append(s.dashed() ? "\" stroke-dasharray=\"4 3" : "").append("\"/></svg>")
                    .append(Html.esc(s.name())).append(" <b>").append(Html.esc(last(s))).append("</b></span>");
        }
        out.append("</div><div class=\"readout\" aria-live=\"polite\"></div>");
        if (!note.isEmpty()) {
            out.append("<p class=\"note\">").append(note).append("</p>");
        }
        return out.append("</figure>").toString();
    }

    private String last(Series s) {
        for (int i = s.y().length - 1; i >= 0; i--) {
            if (usable(s.y()[i])) {
                return format.apply(s.y()[i]);
            }
        }
        return "no data";
    }

    private String seriesSvg(Series s, Plot plot) {
        int n = points(s);
        if (n == 0) {
            return ""; // an empty path's d="" is an error in the browser's console
        }
        StringBuilder xs = new StringBuilder(), ys = new StringBuilder(), d = new StringBuilder();
        boolean pen = false;
        String cx = "", cy = "";
        for (int i = 0; i < s.y().length; i++) {
            double x = s.x()[i], y = s.y()[i];
            if (!usable(y) || !Double.isFinite(x)) {
                pen = false;
                continue;
            }
            xs.append(xs.isEmpty() ? "" : ",").append((long) x == x ? Long.toString((long) x) : Double.toString(x));
            ys.append(ys.isEmpty() ? "" : ",").append(format.apply(y));
            cx = Html.coord(plot.x(x));
            cy = Html.coord(plot.y(y));
            d.append(pen ? 'L' : 'M').append(cx).append(' ').append(cy);
            pen = true;
        }
        String common = " class=\"series\" data-series=\"" + Html.esc(s.name()) + "\" data-points=\"" + n
                + "\" data-x=\"" + xs + "\" data-y=\"" + Html.esc(ys.toString()) + "\"";
        String colour = Palette.hex(s.colour());
        if (n == 1) {
            return "<circle" + common + " cx=\"" + cx + "\" cy=\"" + cy + "\" r=\"4\" fill=\"" + colour + "\"/>";
        }
        return "<path" + common + " d=\"" + d + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\""
                + String.format(Locale.ROOT, "%.1f", s.width()) + "\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
                + (s.dashed() ? " stroke-dasharray=\"5 4\"" : "") + "/>";
    }
}
