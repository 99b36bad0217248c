package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.chart.ChartStyle;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import dev.jvmgan.config.ActivationType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorChartsTest {

    @Test
    void writesBothChartsAt900x500(@TempDir Path dir) throws IOException {
        Path charts = dir.resolve("run/monitor");
        MonitorCharts.write(charts, "00001-fashion-dcgan", history(6));
        assertPngs(charts);
        // Again over the existing files, as every check does.
        MonitorCharts.write(charts, "00001-fashion-dcgan", history(7));
        assertPngs(charts);
        try (Stream<Path> files = Files.list(charts)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(MonitorCharts.DEAD_UNITS_PNG, MonitorCharts.GRADIENT_NORMS_PNG);
        }
    }

    @Test
    void emptyHistoryAndNonPositiveNormsStillRender(@TempDir Path dir) throws IOException {
        MonitorCharts.write(dir, "empty", List.of());
        assertPngs(dir);
        List<ParamGradient> zeroNorms = List.of(new ParamGradient(DISCRIMINATOR, "conv1", "W", 0, 1, 0, true, false));
        MonitorCharts.write(dir, "zero", List.of(Checks.check(1, 0.5, 0.5, 0, List.of(), zeroNorms)));
        assertPngs(dir);
    }

    @Test
    void gradientChartHasOneLinePerLayersWeights() {
        // D conv1's last norm is 0, which a log axis cannot show: its last plotted value is the one before.
        assertThat(MonitorCharts.gradientNormsChart("r", history(3)).getSeriesMap().keySet())
                .containsExactly("G fc1 (last 0.0033)", "D conv1 (last 1.0)");
        XYChart dead = MonitorCharts.deadUnitsChart("r", history(3));
        assertThat(dead.getSeriesMap().keySet()).hasSize(4).allMatch(k -> k.matches(".* \\(last \\d+\\.\\d%\\)"))
                .extracting(k -> k.substring(0, k.indexOf(" (last")))
                .containsExactly("G act1", "D act1", "G act1 inputs <= 0", "D act1 inputs <= 0");
        assertThat(dead.getTitle()).contains("r");
    }

    @Test
    void coincidentLinesStayVisibleAsNestedStripesInColoursReadableOnWhite() {
        // Four layers with no dead units: four lines at 0, as a healthy run draws them.
        List<CheckSnapshot> healthy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            healthy.add(Checks.check(50L * (i + 1), 0.7, 0.3, 0.01, List.of(
                    Checks.layer(GENERATOR, "act1", ActivationType.RELU, 0, 32),
                    Checks.layer(GENERATOR, "act2", ActivationType.RELU, 0, 32),
                    Checks.layer(DISCRIMINATOR, "act1", ActivationType.LEAKYRELU, 0, 16),
                    Checks.layer(DISCRIMINATOR, "act2", ActivationType.LEAKYRELU, 0, 16)), List.of()));
        }
        List<XYSeries> solid = MonitorCharts.deadUnitsChart("r", healthy).getSeriesMap().values().stream()
                .filter(s -> !s.getName().contains("inputs")).toList();

        assertThat(solid).hasSize(4);
        for (int i = 1; i < solid.size(); i++) {
            // Drawn in order, each narrower than the one below it: every colour shows at its edges.
            assertThat(solid.get(i).getLineWidth()).isLessThan(solid.get(i - 1).getLineWidth());
            assertThat(solid.get(i).getLineColor()).isNotEqualTo(solid.get(i - 1).getLineColor());
        }
        assertThat(solid).allMatch(s -> s.getName().endsWith("(last 0.0%)"));
        for (Color c : ChartStyle.PALETTE) {
            // WCAG relative luminance; XChart's yellow (about 0.9) is what this rules out.
            double luminance = 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
            assertThat((1.05) / (luminance + 0.05)).as("contrast of %s on white", c).isGreaterThanOrEqualTo(2.0);
        }
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static void assertPngs(Path dir) throws IOException {
        for (String name : List.of(MonitorCharts.DEAD_UNITS_PNG, MonitorCharts.GRADIENT_NORMS_PNG)) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(500);
        }
    }

    private static List<CheckSnapshot> history(int checks) {
        List<CheckSnapshot> history = new ArrayList<>();
        for (int i = 0; i < checks; i++) {
            long iteration = 50L * (i + 1);
            List<LayerUnits> units = List.of(
                    Checks.layer(GENERATOR, "act1", ActivationType.RELU, 2 * i, 32),
                    Checks.layer(DISCRIMINATOR, "act1", ActivationType.LEAKYRELU, i, 16));
            List<ParamGradient> gradients = List.of(
                    new ParamGradient(GENERATOR, "fc1", "W", 1e-2 / (i + 1), 3, 1e-3, false, false),
                    new ParamGradient(GENERATOR, "fc1", "b", 1e-3, 0, 0, false, false),
                    new ParamGradient(DISCRIMINATOR, "conv1", "W", i == 2 ? 0 : 0.5 * (i + 1), 2, 1e-3, false,
                            false));
            history.add(Checks.check(iteration, 0.7, 0.3, 0.01, units, gradients));
        }
        return history;
    }
}
