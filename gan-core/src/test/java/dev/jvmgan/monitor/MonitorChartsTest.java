package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<ParamGradient> zeroNorms = List.of(new ParamGradient("D", "conv1", "W", 0, 1, 0, true, false));
        MonitorCharts.write(dir, "zero", List.of(new CheckSnapshot(1, 0.5, 0.5, 0, List.of(), zeroNorms)));
        assertPngs(dir);
    }

    @Test
    void gradientChartHasOneLinePerLayersWeights() {
        assertThat(MonitorCharts.gradientNormsChart("r", history(3)).getSeriesMap().keySet())
                .containsExactly("G fc1", "D conv1");
        assertThat(MonitorCharts.deadUnitsChart("r", history(3)).getSeriesMap().keySet())
                .containsExactly("G act1", "D act1", "G act1 inputs <= 0", "D act1 inputs <= 0");
        assertThat(MonitorCharts.deadUnitsChart("r", history(3)).getTitle()).contains("r");
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
                    AlertRulesTest.layer("G", "act1", ActivationType.RELU, 2 * i, 32),
                    AlertRulesTest.layer("D", "act1", ActivationType.LEAKYRELU, i, 16));
            List<ParamGradient> gradients = List.of(
                    new ParamGradient("G", "fc1", "W", 1e-2 / (i + 1), 3, 1e-3, false, false),
                    new ParamGradient("G", "fc1", "b", 1e-3, 0, 0, false, false),
                    new ParamGradient("D", "conv1", "W", i == 2 ? 0 : 0.5 * (i + 1), 2, 1e-3, false, false));
            history.add(new CheckSnapshot(iteration, 0.7, 0.3, 0.01, units, gradients));
        }
        return history;
    }
}
