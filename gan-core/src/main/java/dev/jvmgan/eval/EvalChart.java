package dev.jvmgan.eval;

import dev.jvmgan.chart.ChartStyle;
import dev.jvmgan.image.ImageGrid;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The scores of a run's checkpoints over training, in the house look of the run's other charts: three panels,
 * 900 px wide, against the iteration: the Fréchet distance; KID with its standard deviation over subsets as error
 * bars; precision, recall, density and coverage. Every point is a checkpoint, so the lines have markers.
 */
public final class EvalChart {
    static final int WIDTH = 900;
    static final int PANEL_HEIGHT = 300;

    private EvalChart() {
    }

    /** Writes the chart of {@code evaluations} (those with an iteration) to {@code file}, atomically. */
    public static void write(Path file, String title, List<Evaluation> evaluations) throws IOException {
        List<Evaluation> points = evaluations.stream().filter(e -> e.iteration() != null)
                .sorted(Comparator.comparingLong(Evaluation::iteration)).toList();
        double[] x = values(points, e -> e.iteration());
        String counts = points.isEmpty() ? "" : String.format(java.util.Locale.ROOT, " (n = %,d against %,d real)",
                points.get(0).scores().fakeCount(), points.get(0).scores().realCount());

        XYChart fd = ChartStyle.chart(title + ": Fréchet distance" + counts, "FD", WIDTH, PANEL_HEIGHT);
        XYChart kid = ChartStyle.chart(title + ": KID, mean and std over subsets", "KID", WIDTH, PANEL_HEIGHT);
        XYChart prdc = ChartStyle.chart(title + ": precision, recall, density, coverage (k = 5)", "", WIDTH,
                PANEL_HEIGHT);
        if (points.isEmpty()) {
            ImageGrid.writePng(ChartStyle.stacked(List.of(fd, kid, prdc)), file);
            return;
        }
        line(fd, "FD", x, values(points, e -> e.scores().fd()), "%.2f");
        line(kid, "KID", x, values(points, e -> e.scores().kid().mean()), "%.4f",
                values(points, e -> e.scores().kid().std()));
        List<XYSeries> quality = new ArrayList<>();
        quality.add(line(prdc, "precision", x, values(points, e -> e.scores().prdc().precision()), "%.3f"));
        quality.add(line(prdc, "recall", x, values(points, e -> e.scores().prdc().recall()), "%.3f"));
        quality.add(line(prdc, "density", x, values(points, e -> e.scores().prdc().density()), "%.3f"));
        quality.add(line(prdc, "coverage", x, values(points, e -> e.scores().prdc().coverage()), "%.3f"));
        prdc.getStyler().setYAxisMin(0.0);
        ChartStyle.plain(quality);
        for (XYSeries s : quality) {
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        ImageGrid.writePng(ChartStyle.stacked(List.of(fd, kid, prdc)), file);
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, String format) {
        return line(chart, name, x, y, format, null);
    }

    /** A line with markers; {@code errorBars} (or null) are drawn as +- around each point. */
    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, String format,
                                 double[] errorBars) {
        List<Double> ys = new ArrayList<>();
        for (double v : y) {
            ys.add(v);
        }
        String label = ChartStyle.withLast(name, ys, format);
        XYSeries series = errorBars == null ? chart.addSeries(label, x, y) : chart.addSeries(label, x, y, errorBars);
        ChartStyle.plain(List.of(series));
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    private static double[] values(List<Evaluation> points, ToDoubleFunction<Evaluation> value) {
        return points.stream().mapToDouble(value).toArray();
    }
}
