package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.monitor.MonitorCharts;
import dev.jvmgan.monitor.MonitorListener;
import dev.jvmgan.run.Replica;
import dev.jvmgan.run.TrainingRun;
import dev.jvmgan.train.Inspection;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health monitors on Spark: two partitions on local[2] check the averaged model at round ends (one probe
 * iteration on the driver, {@link MonitorProbe}), write the local run's records and charts, and a resumed run checks
 * as one that never stopped.
 */
class SparkMonitorsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static JavaSparkContext spark;
    /** 8 iterations in rounds of 2, a checkpoint every 2, a check every 3: due in the rounds (2, 4] and (4, 6]. */
    static RunConfig config;
    static Path run;

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainOnTwoPartitions() throws Exception {
        spark = TinySpark.local(2);
        config = TinySpark.withMonitors(TinySpark.config(TinySpark.images(dir, 40), dir.resolve("runs"), 8, 2, 2, 2),
                3, Defaults.alerts());
        run = new TrainingRun(config, false).withLoop(new SparkLoops(spark, 2)).run();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void checksAtTheRoundEndsWriteTheLocalRunsRecordsAndCharts() throws Exception {
        List<JsonNode> checks = records(run, "monitor");
        assertThat(checks).extracting(r -> r.get("iteration").asLong()).as("a check at the end of each round holding "
                + "a check iteration (3, 6), labelled with the round's end").containsExactly(4L, 6L);
        // The same config trained locally names every activation layer and parameter the monitors look at.
        RunConfig local = TinySpark.withMonitors(TinySpark.config(Path.of(config.data().path()),
                dir.resolve("local"), 8, 2, 1, 2), 3, Defaults.alerts());
        JsonNode expected = records(new TrainingRun(local, false).run(), "monitor").get(0);
        List<String> layers = names(expected.get("layers"), "layer");
        List<String> params = names(expected.get("gradients"), "param");
        assertThat(layers).as("activation layers of G and D").anyMatch(l -> l.startsWith("G "))
                .anyMatch(l -> l.startsWith("D "));
        for (JsonNode check : checks) {
            assertThat(names(check.get("layers"), "layer")).containsExactlyElementsOf(layers);
            assertThat(names(check.get("gradients"), "param")).containsExactlyElementsOf(params);
            assertFinite(check, "iteration " + check.get("iteration"));
        }
        assertThat(run.resolve(MonitorCharts.DEAD_UNITS_PNG)).isNotEmptyFile();
        assertThat(run.resolve(MonitorCharts.GRADIENT_NORMS_PNG)).isNotEmptyFile();
    }

    /**
     * Each record is exactly what one inspected iteration of the checkpointed (averaged) model gives, trained here
     * with the probe's seed on partition 0's shard and judged by monitors in the state of the previous checkpoint.
     */
    @Test
    void eachCheckIsOneIterationOfTheAveragedModel(@TempDir Path charts) throws Exception {
        List<JsonNode> checks = records(run, "monitor");
        JsonNode monitorState = null;
        for (JsonNode check : checks) {
            long at = check.get("iteration").asLong();
            List<ObjectNode> mine = new ArrayList<>();
            MonitorListener monitors = new MonitorListener(config.monitors(), config.train().loss(), mine::add, null);
            if (monitorState != null) {
                monitors.restoreState(monitorState);
            }
            Checkpoint averaged = Checkpoint.read(Checkpoints.file(run, at), true);
            TrainingListener recorder = new TrainingListener() {
                @Override
                public boolean wantsInspection(long iteration) {
                    return iteration == at;
                }

                @Override
                public void inspected(TrainingSession copy, IterationStats stats, Inspection inspection) {
                    monitors.inspected(new TrainingSession(config, charts, copy.imageShape(), copy.generator(),
                            copy.discriminator()), stats, inspection);
                }
            };
            try (Replica copy = Replica.open(config, Shard.of(config.data(), 0, 2),
                    MonitorProbe.seed(config.train().seed(), at), List.of(recorder))) {
                ModelState.of(TrainableNetworks.of(averaged.generator()), TrainableNetworks.of(averaged.discriminator()),
                        averaged.generatorEma().map(TrainableNetworks::of))
                        .applyTo(copy.generator(), copy.discriminator(), copy.average());
                copy.resumeAt(at - 1, 0);
                copy.trainTo(at);
            }
            assertThat(mine).as("one check at " + at).hasSize(1);
            assertThat(check).as("the run's check at " + at)
                    .isEqualTo(JSON.readTree(JSON.writeValueAsString(mine.get(0))));
            monitorState = averaged.resumeState().get("monitors");
            assertThat(monitorState).as("the monitors' state after the check at " + at).isNotNull();
        }
    }

    @Test
    void aResumedRunChecksAsOneThatNeverStopped(@TempDir Path tmp) throws Exception {
        Path images = TinySpark.images(tmp, 40);
        RunConfig whole = TinySpark.withMonitors(TinySpark.config(images, tmp.resolve("runs"), 12, 2, 2, 2), 4,
                Defaults.alerts());
        RunConfig half = TinySpark.withMonitors(TinySpark.config(images, tmp.resolve("runs"), 6, 2, 2, 2), 4,
                Defaults.alerts());
        Path straight = new TrainingRun(whole, false).withLoop(new SparkLoops(spark, 2)).run();
        Path resumed = new TrainingRun(half, false).withLoop(new SparkLoops(spark, 2)).run();
        new TrainingRun(whole, false).resumingFrom(resumed, Checkpoints.loadLatest(resumed), List.of())
                .withLoop(new SparkLoops(spark, 2)).run();

        List<JsonNode> expected = records(straight, "monitor");
        assertThat(expected).extracting(r -> r.get("iteration").asLong()).containsExactly(4L, 8L, 12L);
        assertThat(records(resumed, "monitor")).as("the checks before (4) and after (8, 12) the resume at 6")
                .containsExactlyElementsOf(expected);
    }

    static List<JsonNode> records(Path runDirectory, String type) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(runDirectory.resolve("metrics.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            if (record.path("type").asText().equals(type)) {
                found.add(record);
            }
        }
        return found;
    }

    /** "network layer" (or "network layer param") of each entry, in order. */
    private static List<String> names(JsonNode entries, String last) {
        List<String> names = new ArrayList<>();
        entries.forEach(e -> names.add(e.get("network").asText() + " " + e.get("layer").asText()
                + (last.equals("param") ? " " + e.get("param").asText() : "")));
        return names;
    }

    private static void assertFinite(JsonNode node, String where) {
        if (node.isNumber()) {
            assertThat(Double.isFinite(node.asDouble())).as(where).isTrue();
        } else if (node.isTextual()) {
            assertThat(node.asText()).as(where).isNotIn("NaN", "Infinity", "-Infinity");
        }
        node.fields().forEachRemaining(e -> assertFinite(e.getValue(), where + "." + e.getKey()));
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertFinite(node.get(i), where + "[" + i + "]");
            }
        }
    }
}
