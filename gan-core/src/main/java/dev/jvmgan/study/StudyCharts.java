package dev.jvmgan.study;

import dev.jvmgan.chart.ChartStyle;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.image.ImageGrid;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study's charts, as PNG (XChart, in the run charts' style):
 * <ul>
 *   <li>{@code dead-<variant>-<side>-lr<lr>.png}: per activation, the never-positive fraction of the varied network's
 *       worst layer at each check (for ReLU: dead), the mean over the seeds;</li>
 *   <li>{@code fd-<variant>-<side>.png}: per activation, the FD at the end against the learning rate, the median over
 *       the seeds (a broken run has none); on a logarithmic FD axis when the medians span more than a factor of
 *       {@value #LOG_SPAN}, so that one run that broke down does not flatten every other line.</li>
 * </ul>
 */
final class StudyCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    /** The ratio of the largest to the smallest FD above which the FD axis is logarithmic. */
    static final double LOG_SPAN = 10.0;

    private StudyCharts() {
    }

    /** The dead-units chart of one variant, side and learning rate; empty rows draw an empty chart. */
    static Path dead(List<CellRow> rows, Variant variant, Cell.Side side, double lr, Path directory)
            throws IOException {
        XYChart chart = ChartStyle.chart(String.format(Locale.ROOT, "%s, %s varied, lr %s: %s's worst layer, units "
                        + "never positive (ReLU: dead), seed mean", variant.label(), side, Cell.lrText(lr), side),
                "% of the layer's units", WIDTH, HEIGHT);
        chart.getStyler().setYAxisMin(-4.0).setYAxisMax(104.0);
        List<XYSeries> series = new ArrayList<>();
        for (ActivationType activation : ActivationType.values()) {
            List<CellResult> seeds = rows.stream().filter(r -> r.cell().variant() == variant
                            && r.cell().side() == side && r.cell().lr() == lr && r.cell().activation() == activation)
                    .flatMap(r -> r.result().stream()).toList();
            if (seeds.isEmpty()) {
                continue;
            }
            int checks = seeds.stream().mapToInt(r -> r.maxOverLayers(side.name()).length).min().orElse(0);
            if (checks == 0) {
                continue;
            }
            long[] at = seeds.get(0).checkIterations(side.name());
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int c = 0; c < checks; c++) {
                double sum = 0;
                for (CellResult r : seeds) {
                    sum += r.maxOverLayers(side.name())[c];
                }
                x.add((double) at[c]);
                y.add(100 * sum / seeds.size());
            }
            series.add(chart.addSeries(ChartStyle.withLast(Cell.name(activation), y, "%.1f%%"), x, y));
        }
        ChartStyle.stripes(series);
        return write(chart, directory.resolve(String.format(Locale.ROOT, "dead-%s-%s-lr%s.png", variant.label(), side,
                Cell.lrText(lr))));
    }

    /** The FD chart of one variant and side, over the learning rates of the rows. */
    static Path fd(List<CellRow> rows, Variant variant, Cell.Side side, Path directory) throws IOException {
        return write(fdChart(rows, variant, side),
                directory.resolve(String.format(Locale.ROOT, "fd-%s-%s.png", variant.label(), side)));
    }

    /** {@link #fd}'s chart, before it is drawn. */
    static XYChart fdChart(List<CellRow> rows, Variant variant, Cell.Side side) {
        XYChart chart = ChartStyle.chart(String.format(Locale.ROOT, "%s, %s's activation varied: FD at the end, "
                + "median of the seeds (lower is better)", variant.label(), side), "FD", WIDTH, HEIGHT);
        chart.setXAxisTitle("learning rate (both Adams)");
        List<Double> lrs = rows.stream().filter(r -> r.cell().variant() == variant && r.cell().side() == side)
                .map(r -> r.cell().lr()).distinct().sorted().toList();
        if (lrs.size() > 1) {
            chart.getStyler().setXAxisLogarithmic(true);
        }
        chart.getStyler().setXAxisDecimalPattern("0.####");
        List<XYSeries> series = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (ActivationType activation : ActivationType.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double lr : lrs) {
                List<Double> fds = rows.stream().filter(r -> r.cell().variant() == variant && r.cell().side() == side
                                && r.cell().lr() == lr && r.cell().activation() == activation)
                        .flatMap(r -> r.result().stream()).filter(r -> r.fd().isPresent())
                        .map(r -> r.fd().getAsDouble()).toList();
                if (!fds.isEmpty()) {
                    x.add(lr);
                    y.add(CellRecords.median(fds));
                }
            }
            if (!x.isEmpty()) {
                series.add(chart.addSeries(ChartStyle.withLast(Cell.name(activation), y, "%.1f"), x, y));
                all.addAll(y);
            }
        }
        if (logarithmic(all)) {
            // Labels at 1 to 9 times each power of ten: the FDs span a decade or two, not several.
            chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false);
            chart.setYAxisTitle("FD (logarithmic)");
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        ChartStyle.plain(series);
        // Few learning rates: the points are the data, the lines only join them.
        series.forEach(s -> s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE));
        return chart;
    }

    /** Whether FDs this far apart get a logarithmic axis: all positive, the largest over {@link #LOG_SPAN} x the least. */
    static boolean logarithmic(List<Double> fds) {
        double min = fds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = fds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max > LOG_SPAN * min;
    }

    private static Path write(XYChart chart, Path file) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            // XChart cannot draw an empty chart; a line at nothing says "no finished runs" as well as any. At x = 0,
            // which a logarithmic axis (the FD chart's, over several learning rates) refuses.
            chart.getStyler().setXAxisLogarithmic(false);
            chart.addSeries("no finished runs yet", new double[] {0}, new double[] {0});
        }
        ImageGrid.writePng(BitmapEncoder.getBufferedImage(chart), file);
        return file;
    }
}
