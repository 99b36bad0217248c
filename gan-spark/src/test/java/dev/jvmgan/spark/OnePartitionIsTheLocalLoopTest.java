package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.TrainingRun;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The central check of the Spark loop: with one partition, rounds of K iterations on Spark (local[1]) compute bitwise
 * what the local loop computes in the same iterations. "Equal" needs the one partition to see the local run's data
 * in the local run's order (its shard is the whole data, its batches come from the run's own seed and carried
 * position) and to draw from the local run's random streams (latents, ND4J's generator, carried across rounds); the
 * average of one partition is its own values (a double sum divided by 1, rounded to float once). Every parameter,
 * both Adam states, G's moving average and the saved streams are compared exactly, after a round in the middle and
 * at the end, across a resume in either direction (a local checkpoint continued on Spark, and the reverse), and with
 * the monitors' probe running on the driver at every round's end.
 */
class OnePartitionIsTheLocalLoopTest {
    static final int K = 3;
    static final int ITERATIONS = 4 * K;
    static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = TinySpark.local(1);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void roundsOfOnePartitionEqualTheLocalLoop(@TempDir Path dir) throws Exception {
        RunConfig config = TinySpark.config(TinySpark.images(dir, 40), dir.resolve("runs"), ITERATIONS, K, 1, 2 * K);
        Path local = new TrainingRun(config, false).run();
        Path onSpark = new TrainingRun(config, false).withLoop(new SparkLoops(spark, 1)).run();

        assertThat(onSpark).isNotEqualTo(local);
        for (long iteration : new long[] {2 * K, ITERATIONS}) {
            assertSameState(Checkpoints.file(local, iteration), Checkpoints.file(onSpark, iteration));
        }
    }

    /**
     * The monitors' probe trains a copy on the driver, which reseeds the driver thread's ND4J generator: with a check
     * due in every round, the one partition must still be the local loop (the driver's streams are put back).
     */
    @Test
    void withMonitorChecksEveryRoundOnePartitionIsStillTheLocalLoop(@TempDir Path dir) throws Exception {
        RunConfig config = TinySpark.withMonitors(TinySpark.config(TinySpark.images(dir, 40), dir.resolve("runs"),
                ITERATIONS, K, 1, 2 * K), 2, Defaults.alerts());
        Path local = new TrainingRun(config, false).run();
        Path onSpark = new TrainingRun(config, false).withLoop(new SparkLoops(spark, 1)).run();

        assertThat(SparkMonitorsTest.records(onSpark, "monitor")).extracting(r -> r.get("iteration").asLong())
                .as("a check at the end of every round").containsExactly(3L, 6L, 9L, 12L);
        for (long iteration : new long[] {2 * K, ITERATIONS}) {
            assertSameState(Checkpoints.file(local, iteration), Checkpoints.file(onSpark, iteration));
        }
    }

    @Test
    void aLocalCheckpointContinuesOnSparkAndBack(@TempDir Path dir) throws Exception {
        Path images = TinySpark.images(dir, 40);
        RunConfig whole = TinySpark.config(images, dir.resolve("runs"), ITERATIONS, K, 1, 2 * K);
        RunConfig half = TinySpark.config(images, dir.resolve("runs"), ITERATIONS / 2, K, 1, 2 * K);
        Path straight = new TrainingRun(whole, false).run();

        Path localThenSpark = new TrainingRun(half, false).run();
        new TrainingRun(whole, false).resumingFrom(localThenSpark, Checkpoints.loadLatest(localThenSpark), List.of())
                .withLoop(new SparkLoops(spark, 1)).run();
        Path sparkThenLocal = new TrainingRun(half, false).withLoop(new SparkLoops(spark, 1)).run();
        new TrainingRun(whole, false).resumingFrom(sparkThenLocal, Checkpoints.loadLatest(sparkThenLocal), List.of())
                .run();

        assertSameState(Checkpoints.file(straight, ITERATIONS), Checkpoints.file(localThenSpark, ITERATIONS));
        assertSameState(Checkpoints.file(straight, ITERATIONS), Checkpoints.file(sparkThenLocal, ITERATIONS));
    }

    static void assertSameState(Path expected, Path actual) throws Exception {
        Checkpoint a = Checkpoint.read(expected, true);
        Checkpoint b = Checkpoint.read(actual, true);
        assertThat(b.state().iteration()).isEqualTo(a.state().iteration());
        assertThat(b.state().imagesSeen()).isEqualTo(a.state().imagesSeen());
        assertSameNetwork("G", a.generator(), b.generator());
        assertSameNetwork("D", a.discriminator(), b.discriminator());
        assertThat(a.generatorEma()).isPresent();
        assertThat(b.generatorEma().orElseThrow().params().toFloatVector()).as("G's moving average of " + actual)
                .containsExactly(a.generatorEma().orElseThrow().params().toFloatVector());
        for (String stream : List.of("data", "latents", "nd4jRandom")) {
            JsonNode state = a.resumeState().get(stream);
            assertThat(state).as(stream).isNotNull();
            assertThat(b.resumeState().get(stream)).as(stream + " of " + actual).isEqualTo(state);
        }
    }

    private static void assertSameNetwork(String name, Model expected, Model actual) {
        float[] params = expected.params().toFloatVector();
        assertThat(params).as(name + " must have trained").isNotEmpty();
        assertThat(actual.params().toFloatVector()).as(name + "'s parameters").containsExactly(params);
        assertThat(updater(actual)).as(name + "'s Adam state").containsExactly(updater(expected));
    }

    private static float[] updater(Model model) {
        return (model instanceof MultiLayerNetwork mln ? mln.getUpdater().getStateViewArray()
                : ((ComputationGraph) model).getUpdater().getStateViewArray()).toFloatVector();
    }
}
