package dev.jvmgan.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The run's own outputs under losses whose D outputs are not probabilities, and with a penalty: metrics.jsonl's
 * {@code dOutput} and penalty fields, losses.png's second panel, and the progress line.
 */
class PerLossOutputsTest {

    private static IterationStats stats(long iteration, double dReal, double dFake, double penalty, double norm) {
        return new IterationStats(iteration, 4 * iteration, 0.5, 1.5, dReal, dFake, 0.01, penalty, norm);
    }

    @Test
    void metricsSayWhatDsOutputsAreAndAverageThePenaltyOverTheIterationsItRan(@TempDir Path tmp) throws Exception {
        RunConfig config = TinyRuns.config(tmp.resolve("images"), tmp.resolve("runs"), 6);
        TrainingSession session = new TrainingSession(config, tmp, null, null, null);
        MetricsJsonlListener metrics = new MetricsJsonlListener(3, LossConfig.Outputs.CRITIC);
        metrics.trainingStarted(session);
        metrics.iterationDone(session, stats(1, 2.0, 1.0, Double.NaN, Double.NaN));
        metrics.iterationDone(session, stats(2, 2.0, 1.0, 0.25, 1.5));
        metrics.iterationDone(session, stats(3, 2.0, 1.0, 0.75, 0.5));
        for (long i = 4; i <= 6; i++) {
            metrics.iterationDone(session, stats(i, 2.0, 1.0, Double.NaN, Double.NaN));
        }
        metrics.trainingEnded(session, null);

        List<JsonNode> records = ResumeTest.records(tmp, "train");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("dOutput").asText()).isEqualTo("critic");
        assertThat(records.get(0).get("penalty").asDouble()).as("over iterations 2 and 3 only").isEqualTo(0.5);
        assertThat(records.get(0).get("penaltyGradientNorm").asDouble()).isEqualTo(1.0);
        assertThat(records.get(1).has("penalty")).as("no penalty ran in 4-6").isFalse();
        assertThat(records.get(1).has("penaltyGradientNorm")).isFalse();
    }

    private static LossChart.Curves curves(Path run, String dOutput) throws Exception {
        String field = dOutput == null ? "" : ",\"dOutput\":\"" + dOutput + "\"";
        Files.write(run.resolve(MetricsJsonlListener.FILE_NAME), List.of(
                "{\"type\":\"train\",\"iteration\":50,\"dLoss\":1.2,\"gLoss\":0.9,\"dReal\":1.5,\"dFake\":-0.5" + field
                        + "}",
                "{\"type\":\"train\",\"iteration\":100,\"dLoss\":0.7,\"gLoss\":2.5,\"dReal\":2.0,\"dFake\":1.65" + field
                        + "}"));
        return LossChart.read(run.resolve(MetricsJsonlListener.FILE_NAME));
    }

    @Test
    void lossesPngShowsRawOutputsOnAFreeAxisAndACriticsGapAlone(@TempDir Path run) throws Exception {
        XYChart raw = LossChart.outputsPanel("r", curves(run, "raw"));
        assertThat(raw.getSeriesMap().keySet()).containsExactly("D(x) (last 2.00)", "D(G(z)) (last 1.65)");
        assertThat(raw.getStyler().getYAxisMax()).as("not clipped to [0, 1]").isNull();
        assertThat(raw.getYAxisTitle()).isEqualTo("mean raw D output");

        XYChart critic = LossChart.outputsPanel("r", curves(run, "critic"));
        assertThat(critic.getSeriesMap().keySet()).containsExactly("D(x) - D(G(z)) (last 0.350)");
        assertThat(critic.getSeriesMap().values().iterator().next().getYData()[0]).isCloseTo(2.0, within(1e-12));

        XYChart probability = LossChart.outputsPanel("r", curves(run, null));
        assertThat(probability.getSeriesMap()).containsKey("0.5: D cannot tell");
        assertThat(probability.getStyler().getYAxisMax()).isEqualTo(1.0);
        LossChart.write(run, "r");
        assertThat(run.resolve(LossChart.FILE)).isNotEmptyFile();
    }

    @Test
    void theProgressLineShowsACriticsGap(@TempDir Path tmp) {
        Logger logger = (Logger) LoggerFactory.getLogger(ProgressListener.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            RunConfig config = TinyRuns.config(tmp.resolve("images"), tmp.resolve("runs"), 200);
            TrainingSession session = new TrainingSession(config, tmp, null, null, null);
            ProgressListener progress = new ProgressListener(2, false, LossConfig.Outputs.CRITIC);
            progress.trainingStarted(session);
            progress.iterationDone(session, stats(1, 2.0, 1.4, Double.NaN, Double.NaN));
            progress.iterationDone(session, stats(2, 2.0, 1.4, Double.NaN, Double.NaN));
            progress.trainingEnded(session, null);
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("critic gap D(x)-D(G(z)) 0.60 D 0.500 G 1.500 (means it 1-2)");
    }
}
