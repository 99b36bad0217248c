package dev.jvmgan.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** losses.png from metrics.jsonl: the train records' values, two panels, other records and a torn line ignored. */
class LossChartTest {
    @Test
    void drawsTheTrainRecordsOfMetricsJsonlInTwoPanels(@TempDir Path run) throws Exception {
        Files.write(run.resolve(MetricsJsonlListener.FILE_NAME), List.of(
                "{\"type\":\"train\",\"iteration\":50,\"dLoss\":1.2,\"gLoss\":0.9,\"dReal\":0.6,\"dFake\":0.4}",
                "{\"type\":\"monitor\",\"iteration\":50,\"dReal\":0.99,\"dFake\":0.01}",
                "{\"type\":\"resume\",\"iteration\":50}",
                "{\"type\":\"train\",\"iteration\":100,\"dLoss\":0.7,\"gLoss\":2.5,\"dReal\":0.8,\"dFake\":0.2}",
                "{\"type\":\"train\",\"iteration\":150,\"dLo"));

        LossChart.write(run, "r");

        BufferedImage png = ImageIO.read(run.resolve(LossChart.FILE).toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(700);
        LossChart.Curves curves = LossChart.read(run.resolve(MetricsJsonlListener.FILE_NAME));
        XYChart losses = LossChart.lossPanel("r", curves);
        XYChart outputs = LossChart.outputsPanel("r", curves);
        assertThat(losses.getSeriesMap().keySet()).containsExactly("D loss (last 0.700)", "G loss (last 2.500)");
        XYSeries d = losses.getSeriesMap().get("D loss (last 0.700)");
        assertThat(d.getXData()).containsExactly(50, 100);
        assertThat(d.getYData()).containsExactly(1.2, 0.7);
        assertThat(outputs.getSeriesMap().keySet()).containsExactly("D(x) (last 0.80)", "D(G(z)) (last 0.20)",
                "0.5: D cannot tell");
        assertThat(outputs.getSeriesMap().get("D(G(z)) (last 0.20)").getYData()).containsExactly(0.4, 0.2);
    }

    @Test
    void aRunWithoutRecordsYetStillGetsAChart(@TempDir Path run) throws Exception {
        LossChart.write(run, "r");
        assertThat(ImageIO.read(run.resolve(LossChart.FILE).toFile()).getHeight()).isEqualTo(700);
    }
}
