package dev.jvmgan.monitor;

import dev.jvmgan.chart.ChartStyle;
import dev.jvmgan.image.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Per-run PNG charts from the history of checks, 900x500 px, each written atomically (temporary file, then rename,
 * via {@link ImageGrid#writePng}) so a viewer refreshing the run directory never sees half a file:
 * <ul>
 *   <li>{@value #DEAD_UNITS_PNG}: never-positive fraction per activation layer, in percent (0..100), one line per
 *       layer ({@code "G act1"}, {@code "D act2"})</li>
 *   <li>{@value #GRADIENT_NORMS_PNG}: L2 norm of each layer's weight gradient ({@code "W"} only: biases and batch
 *       norm parameters would double the lines and say little), log y axis</li>
 * </ul>
 * A log axis cannot show 0, negative or non-finite norms; those points are left out (a gap, not a fake value).
 * Lines that coincide (layers with no dead units) stay visible as nested stripes, and each legend entry ends with
 * the line's last value ({@link ChartStyle}). Rendering runs headless.
 */
public final class MonitorCharts {
    public static final String DEAD_UNITS_PNG = "dead-units.png";
    public static final String GRADIENT_NORMS_PNG = "gradient-norms.png";
    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    private static final String WEIGHTS = "W";

    private MonitorCharts() {
    }

    /** Writes both charts into {@code directory} (created if missing), replacing earlier versions. */
    public static void write(Path directory, String runName, List<CheckSnapshot> history) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(history, "history");
        ImageGrid.writePng(BitmapEncoder.getBufferedImage(deadUnitsChart(runName, history)),
                directory.resolve(DEAD_UNITS_PNG));
        ImageGrid.writePng(BitmapEncoder.getBufferedImage(gradientNormsChart(runName, history)),
                directory.resolve(GRADIENT_NORMS_PNG));
    }

    static XYChart deadUnitsChart(String runName, List<CheckSnapshot> history) {
        Map<String, Series> lines = new LinkedHashMap<>();
        Map<String, Series> inputs = new LinkedHashMap<>();
        for (CheckSnapshot check : history) {
            for (LayerUnits u : check.units()) {
                String name = u.id();
                lines.computeIfAbsent(name, k -> new Series()).add(check.iteration(), 100 * u.neverPositiveFraction());
                inputs.computeIfAbsent(name, k -> new Series()).add(check.iteration(), 100 * u.meanNonPositive());
            }
        }
        XYChart chart = chart(runName + ": units never positive (solid), inputs <= 0 per unit (dashed)", "%");
        // A margin below 0 and above 100: a line at 0 (no dead units, the healthy case) is drawn whole, not halved
        // by the plot's edge.
        chart.getStyler().setYAxisMin(-4.0).setYAxisMax(104.0);
        List<XYSeries> solid = addAll(chart, lines, "%.1f%%");
        ChartStyle.stripes(solid);
        // How close units are to dying: a unit dies when this share of its inputs reaches 100%. Same colour as the
        // layer's solid line, thin and dashed on top of it.
        int i = 0;
        for (Map.Entry<String, Series> e : inputs.entrySet()) {
            XYSeries dashed = chart.addSeries(ChartStyle.withLast(e.getKey() + " inputs <= 0", e.getValue().y,
                    "%.1f%%"), e.getValue().x, e.getValue().y);
            dashed.setLineStyle(SeriesLines.DASH_DASH);
            dashed.setLineColor(solid.get(i).getLineColor());
            dashed.setMarkerColor(solid.get(i).getLineColor());
            dashed.setMarker(e.getValue().x.size() == 1 ? SeriesMarkers.DIAMOND : SeriesMarkers.NONE);
            dashed.setLineWidth(1.2f);
            i++;
        }
        return chart;
    }

    static XYChart gradientNormsChart(String runName, List<CheckSnapshot> history) {
        Map<String, Series> lines = new LinkedHashMap<>();
        for (CheckSnapshot check : history) {
            for (ParamGradient g : check.gradients()) {
                if (WEIGHTS.equals(g.param())) {
                    lines.computeIfAbsent(NetworkLetter.of(g.network()) + " " + g.layer(), k -> new Series())
                            .add(check.iteration(), g.gradientNorm());
                }
            }
        }
        lines.values().forEach(Series::keepPositive);
        lines.values().removeIf(Series::isEmpty);
        XYChart chart = chart(runName + ": weight gradient L2 norm per layer", "L2 norm of dLoss/dW");
        // XChart rejects a log axis without positive data, so an empty chart keeps a linear one.
        chart.getStyler().setYAxisLogarithmic(!lines.isEmpty());
        ChartStyle.stripes(addAll(chart, lines, "%.2g"));
        return chart;
    }

    private static XYChart chart(String title, String yTitle) {
        return ChartStyle.chart(title, yTitle, WIDTH, HEIGHT);
    }

    private static List<XYSeries> addAll(XYChart chart, Map<String, Series> lines, String lastFormat) {
        List<XYSeries> added = new ArrayList<>();
        lines.forEach((name, s) -> added.add(chart.addSeries(ChartStyle.withLast(name, s.y, lastFormat), s.x, s.y)));
        return added;
    }

    /** One line's points; iterations as doubles because XChart plots doubles. */
    private static final class Series {
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();

        void add(long iteration, double value) {
            x.add((double) iteration);
            y.add(value);
        }

        void keepPositive() {
            for (int i = y.size() - 1; i >= 0; i--) {
                double v = y.get(i);
                if (!(v > 0) || Double.isInfinite(v)) {
                    x.remove(i);
                    y.remove(i);
                }
            }
        }

        boolean isEmpty() {
            return y.isEmpty();
        }
    }
}
