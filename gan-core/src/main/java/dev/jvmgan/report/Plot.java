package dev.jvmgan.report;

import java.util.function.DoubleFunction;

/** Maps data to SVG coordinates inside a chart's plot area, and draws its grid and tick labels. */
record Plot(Axis xAxis, Axis yAxis, double left, double right, double bottom, double top) {

    double x(double value) {
        return left + xAxis.fraction(value) * (right - left);
    }

    double y(double value) {
        return bottom - yAxis.fraction(value) * (bottom - top);
    }

    /** An iteration as a whole number, 12500, not 1.25e4. */
    static String iteration(double t) {
        return (long) t == t ? Long.toString((long) t) : Html.num(t);
    }

    /** Grid lines and tick labels of both axes, and the plot's frame. */
    String grid(DoubleFunction<String> yFormat) {
        StringBuilder g = new StringBuilder("<g class=\"grid\">");
        for (double t : yAxis.ticks()) {
            String y = Html.coord(y(t));
            g.append("<line x1=\"").append(Html.coord(left)).append("\" x2=\"").append(Html.coord(right))
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>")
                    .append("<text x=\"").append(Html.coord(left - 5)).append("\" y=\"").append(Html.coord(y(t) + 4))
                    .append("\" text-anchor=\"end\">").append(Html.esc(yFormat.apply(t))).append("</text>");
        }
        for (double t : xAxis.ticks()) {
            String x = Html.coord(x(t));
            g.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(Html.coord(top))
                    .append("\" y2=\"").append(Html.coord(bottom)).append("\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(Html.coord(bottom + 15))
                    .append("\" text-anchor=\"middle\">").append(Html.esc(iteration(t))).append("</text>");
        }
        g.append("<rect class=\"frame\" x=\"").append(Html.coord(left)).append("\" y=\"").append(Html.coord(top))
                .append("\" width=\"").append(Html.coord(right - left)).append("\" height=\"")
                .append(Html.coord(bottom - top)).append("\"/></g>");
        return g.toString();
    }
}
