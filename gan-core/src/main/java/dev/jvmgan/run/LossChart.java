package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.chart.ChartStyle;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.monitor.DOutputs;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #FILE}: the chart users of the PyTorch DCGAN tutorial look for first, drawn from metrics.jsonl's
 * {@code "type": "train"} records (interval means, so the curves are the file's numbers). Two panels, 900 px wide:
 * D's and G's losses; and D's outputs, as the records' {@code dOutput} says they are:
 * <ul>
 *   <li>probabilities ({@code ns}, {@code minimax}): D(x) and D(G(z)), the mean probabilities D gives real and
 *       generated images, on 0..1 with the 0.5 of an undecided D dashed;</li>
 *   <li>raw outputs ({@code lsgan}, {@code hinge}): D(x) and D(G(z)) on a free axis;</li>
 *   <li>critic scores ({@code wgan}): their gap D(x) - D(G(z)) alone, the critic's estimate of the Wasserstein
 *       distance, since the scores themselves are defined only up to a constant.</li>
 * </ul>
 * Records of every process of a resumed run are included; a torn last line is skipped.
 */
public final class LossChart {
    public static final String FILE = "losses.png";
    static final int WIDTH = 900;
    static final int PANEL_HEIGHT = 350;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LossChart() {
    }

    /** Redraws {@value #FILE} in {@code runDirectory} from its metrics.jsonl (atomically, like every PNG here). */
    public static void write(Path runDirectory, String runName) throws IOException {
        Curves curves = read(runDirectory.resolve(MetricsJsonlListener.FILE_NAME));
        ImageGrid.writePng(ChartStyle.stacked(List.of(lossPanel(runName, curves), outputsPanel(runName, curves))),
                runDirectory.resolve(FILE));
    }

    /**
     * The train records' iterations and means, in file order, and what D's outputs are (the last record's
     * {@code dOutput}; probabilities when no record says).
     */
    record Curves(List<Double> iteration, List<Double> dLoss, List<Double> gLoss, List<Double> dReal,
                  List<Double> dFake, LossConfig.Outputs outputs) {
    }

    static Curves read(Path metrics) throws IOException {
        Curves c = new Curves(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), LossConfig.Outputs.PROBABILITY);
        if (!Files.exists(metrics)) {
            return c;
        }
        String dOutput = "";
        for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            if (r == null || !"train".equals(r.path("type").asText())) {
                continue;
            }
            c.iteration().add(r.path("iteration").asDouble());
            c.dLoss().add(r.path("dLoss").asDouble(Double.NaN));
            c.gLoss().add(r.path("gLoss").asDouble(Double.NaN));
            c.dReal().add(r.path("dReal").asDouble(Double.NaN));
            c.dFake().add(r.path("dFake").asDouble(Double.NaN));
            dOutput = r.path("dOutput").asText("");
        }
        return new Curves(c.iteration(), c.dLoss(), c.gLoss(), c.dReal(), c.dFake(), DOutputs.parse(dOutput));
    }

    static XYChart lossPanel(String runName, Curves c) {
        XYChart chart = ChartStyle.chart(runName + ": losses (means per metrics record)", "loss", WIDTH, PANEL_HEIGHT);
        List<XYSeries> lines = new ArrayList<>();
        if (!c.iteration().isEmpty()) {
            lines.add(chart.addSeries(ChartStyle.withLast("D loss", c.dLoss(), "%.3f"), c.iteration(), c.dLoss()));
            lines.add(chart.addSeries(ChartStyle.withLast("G loss", c.gLoss(), "%.3f"), c.iteration(), c.gLoss()));
        }
        ChartStyle.plain(lines);
        return chart;
    }

    static XYChart outputsPanel(String runName, Curves c) {
        return switch (c.outputs()) {
            case PROBABILITY -> probabilityPanel(runName, c);
            case RAW -> rawPanel(runName, c);
            case CRITIC -> criticPanel(runName, c);
        };
    }

    private static XYChart probabilityPanel(String runName, Curves c) {
        XYChart chart = ChartStyle.chart(runName + ": D(x) real, D(G(z)) generated", "mean D output (probability)",
                WIDTH, PANEL_HEIGHT);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<XYSeries> lines = new ArrayList<>();
        if (!c.iteration().isEmpty()) {
            lines.add(chart.addSeries(ChartStyle.withLast("D(x)", c.dReal(), "%.2f"), c.iteration(), c.dReal()));
            lines.add(chart.addSeries(ChartStyle.withLast("D(G(z))", c.dFake(), "%.2f"), c.iteration(), c.dFake()));
            ChartStyle.plain(lines);
            double first = c.iteration().get(0);
            double last = c.iteration().get(c.iteration().size() - 1);
            XYSeries undecided = chart.addSeries("0.5: D cannot tell", new double[]{first, Math.max(last, first + 1)},
                    new double[]{0.5, 0.5});
            undecided.setLineStyle(SeriesLines.DASH_DASH);
            undecided.setLineColor(ChartStyle.PALETTE.get(7));
            undecided.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        return chart;
    }

    private static XYChart rawPanel(String runName, Curves c) {
        XYChart chart = ChartStyle.chart(runName + ": D(x) real, D(G(z)) generated", "mean raw D output", WIDTH,
                PANEL_HEIGHT);
        List<XYSeries> lines = new ArrayList<>();
        if (!c.iteration().isEmpty()) {
            lines.add(chart.addSeries(ChartStyle.withLast("D(x)", c.dReal(), "%.2f"), c.iteration(), c.dReal()));
            lines.add(chart.addSeries(ChartStyle.withLast("D(G(z))", c.dFake(), "%.2f"), c.iteration(), c.dFake()));
        }
        ChartStyle.plain(lines);
        return chart;
    }

    private static XYChart criticPanel(String runName, Curves c) {
        XYChart chart = ChartStyle.chart(runName + ": critic gap D(x) - D(G(z)), an estimate of W1",
                "mean critic score gap", WIDTH, PANEL_HEIGHT);
        List<XYSeries> lines = new ArrayList<>();
        if (!c.iteration().isEmpty()) {
            List<Double> gap = new ArrayList<>();
            for (int i = 0; i < c.dReal().size(); i++) {
                gap.add(c.dReal().get(i) - c.dFake().get(i));
            }
            lines.add(chart.addSeries(ChartStyle.withLast("D(x) - D(G(z))", gap, "%.3f"), c.iteration(), gap));
        }
        ChartStyle.plain(lines);
        return chart;
    }
}
