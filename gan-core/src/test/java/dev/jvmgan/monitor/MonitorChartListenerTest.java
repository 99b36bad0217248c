package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.train.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorChartListenerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aResumedRunStartsFromTheChecksInTheRecordsFile(@TempDir Path run) throws Exception {
        List<CheckSnapshot> earlier = List.of(check(50, 10), check(100, 12));
        List<String> lines = new ArrayList<>(List.of("{\"type\":\"train\",\"iteration\":50}"));
        List<Alert> none = List.of();
        for (CheckSnapshot c : earlier) {
            lines.add(JSON.writeValueAsString(MonitorRecords.toJson(c, none)));
        }
        lines.add("{\"type\":\"resume\",\"iteration\":100}");
        Files.write(run.resolve("metrics.jsonl"), lines);
        MonitorChartListener charts = new MonitorChartListener(500, "metrics.jsonl");

        charts.trainingStarted(session(run));
        assertThat(charts.history()).isEqualTo(earlier);
        charts.checked(session(run), check(150, 14), none);
        assertThat(charts.history()).extracting(CheckSnapshot::iteration).containsExactly(50L, 100L, 150L);

        // Without a records file, or a fresh run, the charts start empty.
        MonitorChartListener fresh = new MonitorChartListener(500, null);
        fresh.trainingStarted(session(run));
        assertThat(fresh.history()).isEmpty();
    }

    @Test
    void anUnreadableRecordCostsTheChartsTheirPastNotTheRun(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("metrics.jsonl"), "{\"type\":\"monitor\",\"iteration\":50}\n");
        MonitorChartListener charts = new MonitorChartListener(500, "metrics.jsonl");
        charts.trainingStarted(session(run));
        assertThat(charts.history()).isEmpty();
    }

    @Test
    void drawsAtTheFirstCheckThenEveryChartEveryIterationsAndAtTheEnd(@TempDir Path run) throws Exception {
        Path png = run.resolve(MonitorCharts.DEAD_UNITS_PNG);
        MonitorChartListener charts = new MonitorChartListener(100, null);
        charts.trainingStarted(session(run));
        List<Long> drawnAt = new ArrayList<>();
        for (long iteration = 50; iteration <= 350; iteration += 50) {
            charts.checked(session(run), check(iteration, 1), List.of());
            if (Files.deleteIfExists(png)) {
                drawnAt.add(iteration);
            }
        }
        assertThat(drawnAt).containsExactly(50L, 150L, 250L, 350L);
        charts.trainingEnded(session(run), null);
        assertThat(png).doesNotExist();

        charts.checked(session(run), check(400, 1), List.of());
        charts.trainingEnded(session(run), null);
        assertThat(png).exists();
    }

    private static CheckSnapshot check(long iteration, int dead) {
        return Checks.check(iteration, 0.6, 0.4, 1e-2, List.of(Checks.layer(GENERATOR, "act1", ActivationType.RELU,
                dead, 32)), List.of());
    }

    private static TrainingSession session(Path run) {
        return new TrainingSession(Defaults.run("charts"), run, new ImageShape(1, 8), null, null);
    }
}
