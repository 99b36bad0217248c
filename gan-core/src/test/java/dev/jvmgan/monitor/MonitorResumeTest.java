package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.TrainingRun;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose D act1 is half dead from the start, stopped after iteration 5 and resumed, against the same run
 * straight through: the dead-units alert fired at the first check (iteration 2) and must not fire again after the
 * resume, which only the rules' memory in the checkpoint can tell.
 */
class MonitorResumeTest {
    private static final int ITERATIONS = 10;

    @Test
    void aResumedRunWritesTheSameRecordsAlertsAndCharts(@TempDir Path tmp) throws Exception {
        Path straight = new TrainingRun(config(tmp, "a"), false)
                .withListener(MonitorListenerTest.killConv1Channels()).run();

        RunConfig config = config(tmp, "b");
        StopAfter stop = new StopAfter(5);
        TrainingRun first = new TrainingRun(config, false).withListener(MonitorListenerTest.killConv1Channels())
                .withListener(stop);
        stop.run = first;
        Path resumed = first.run();
        assertThat(first.stopped()).isTrue();
        new TrainingRun(config, false).withListener(MonitorListenerTest.killConv1Channels())
                .resumingFrom(resumed, Checkpoints.loadLatest(resumed), List.of()).run();

        List<JsonNode> alerts = MonitorListenerTest.records(straight, "alert");
        assertThat(alerts).extracting(a -> a.get("rule").asText() + " " + a.get("iteration").asLong())
                .containsExactly("dead-units 2");
        assertThat(MonitorListenerTest.records(resumed, "alert")).isEqualTo(alerts);
        assertThat(MonitorListenerTest.records(resumed, "monitor"))
                .isEqualTo(MonitorListenerTest.records(straight, "monitor"));
        assertThat(Checkpoint.read(Checkpoints.file(resumed, ITERATIONS), false).resumeState().get("monitors"))
                .isEqualTo(Checkpoint.read(Checkpoints.file(straight, ITERATIONS), false).resumeState()
                        .get("monitors"));
        // The charts of the resumed run show the checks before the stop too, read back from metrics.jsonl.
        for (String chart : List.of(MonitorCharts.DEAD_UNITS_PNG, MonitorCharts.GRADIENT_NORMS_PNG)) {
            assertThat(Files.readAllBytes(resumed.resolve(chart))).as(chart)
                    .isEqualTo(Files.readAllBytes(straight.resolve(chart)));
        }
    }

    private static RunConfig config(Path tmp, String runs) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(runs));
        return MonitorListenerTest.reluRun(dir, ITERATIONS, "warn");
    }

    /** Stops the run after iteration {@code at}, as Ctrl-C would. */
    private static final class StopAfter implements TrainingListener {
        private final long at;
        private TrainingRun run;

        StopAfter(long at) {
            this.at = at;
        }

        @Override
        public void iterationDone(TrainingSession session, IterationStats stats) {
            if (stats.iteration() == at) {
                run.requestStop();
            }
        }
    }
}
