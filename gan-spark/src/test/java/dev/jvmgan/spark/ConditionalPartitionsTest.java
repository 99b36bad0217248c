package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.run.Replica;
import dev.jvmgan.run.TrainingRun;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Class-conditional models on Spark: each partition feeds its shard's labels to G and D, draws the fakes' classes
 * from a class stream that it carries between rounds like its other streams, and draws them with the whole data's
 * class shares ({@code fakeClasses: data}). One partition is the local conditional run bitwise; two train and resume
 * bitwise; the run directory gets {@code classes.json} and per-class sample grids as a local run's.
 */
class ConditionalPartitionsTest {
    static final int K = 3;

    /** 40 images with seeded labels in {0, 1, 2}. */
    private static Path labelledImages(Path dir) throws Exception {
        Random rng = new Random(5);
        return TinySpark.labelledImages(dir, rng.ints(40, 0, 3).toArray());
    }

    private static RunConfig config(Path images, Path runs, int iterations, int roundSteps, int partitions, int every) {
        return TinySpark.conditional(TinySpark.config(images, runs, iterations, roundSteps, partitions, every),
                ModelConfig.FakeClasses.DATA);
    }

    @Test
    void onePartitionConditionalIsTheLocalConditionalRunWithItsClassesFileAndPerClassGrids(@TempDir Path dir)
            throws Exception {
        RunConfig config = config(labelledImages(dir), dir.resolve("runs"), 4 * K, K, 1, 2 * K);
        Path local = new TrainingRun(config, false).run();
        Path onSpark;
        JavaSparkContext spark = TinySpark.local(1);
        try (SparkLoops loops = new SparkLoops(spark, 1)) {
            onSpark = new TrainingRun(config, false).withLoop(loops).run();
        }

        for (long iteration : new long[] {2 * K, 4 * K}) {
            OnePartitionIsTheLocalLoopTest.assertSameState(Checkpoints.file(local, iteration),
                    Checkpoints.file(onSpark, iteration));
            Checkpoint a = Checkpoint.read(Checkpoints.file(local, iteration), false);
            Checkpoint b = Checkpoint.read(Checkpoints.file(onSpark, iteration), false);
            assertThat(a.generator()).as("G takes the labels").isInstanceOf(ComputationGraph.class);
            assertThat(((ComputationGraph) b.generator()).getConfiguration().getNetworkInputs()).hasSize(2);
            assertThat(a.resumeState().get(Checkpoint.CLASSES)).as("the class stream").isNotNull();
            assertThat(b.resumeState().get(Checkpoint.CLASSES)).isEqualTo(a.resumeState().get(Checkpoint.CLASSES));
        }
        assertThat(onSpark.resolve("classes.json")).hasSameBinaryContentAs(local.resolve("classes.json"));
        List<Path> grids = files(local.resolve("samples"));
        assertThat(grids).as("a grid every 2K iterations").hasSizeGreaterThanOrEqualTo(2);
        assertThat(files(onSpark.resolve("samples"))).extracting(p -> p.getFileName().toString())
                .containsExactlyElementsOf(grids.stream().map(p -> p.getFileName().toString()).toList());
        for (Path grid : grids) {
            // One row per class from the same averaged G: the same PNG, byte for byte.
            assertThat(onSpark.resolve("samples").resolve(grid.getFileName())).hasSameBinaryContentAs(grid);
        }
    }

    @Test
    void twoPartitionsConditionalTrainAndResumeBitwiseCarryingEachClassStream(@TempDir Path dir) throws Exception {
        Path images = labelledImages(dir);
        RunConfig whole = config(images, dir.resolve("runs"), 8, 2, 2, 4);
        RunConfig half = config(images, dir.resolve("runs"), 4, 2, 2, 4);
        Path straight;
        Path resumed;
        JavaSparkContext spark = TinySpark.local(2);
        try (SparkLoops loops = new SparkLoops(spark, 2)) {
            straight = new TrainingRun(whole, false).withLoop(loops).run();
        }
        spark = TinySpark.local(2);
        try (SparkLoops loops = new SparkLoops(spark, 2)) {
            resumed = new TrainingRun(half, false).withLoop(loops).run();
        }
        spark = TinySpark.local(2);
        try (SparkLoops loops = new SparkLoops(spark, 2)) {
            new TrainingRun(whole, false).resumingFrom(resumed, Checkpoints.loadLatest(resumed), List.of())
                    .withLoop(loops).run();
        }

        OnePartitionIsTheLocalLoopTest.assertSameState(Checkpoints.file(straight, 8), Checkpoints.file(resumed, 8));
        Checkpoint end = Checkpoint.read(Checkpoints.file(straight, 8), false);
        Checkpoint middle = Checkpoint.read(Checkpoints.file(straight, 4), false);
        assertThat(end.generator().params()).as("G moved").isNotEqualTo(middle.generator().params());
        assertThat(Checkpoint.read(Checkpoints.file(resumed, 8), false).resumeState()).as("every stream, partition 1's "
                + "carried ones included").isEqualTo(end.resumeState());
        JsonNode partition1 = end.resumeState().get(SparkLoops.STATE).path("carries").path("1").path("streams");
        JsonNode classes1 = partition1.get(Checkpoint.CLASSES);
        assertThat(classes1).as("partition 1 carries its class stream").isNotNull();
        assertThat(classes1.get("fakeClasses")).as("partition 1 draws its own classes")
                .isNotEqualTo(end.resumeState().get(Checkpoint.CLASSES).get("fakeClasses"));
        assertThat(straight.resolve("classes.json")).isRegularFile();
    }

    /**
     * Shard 1 of 2 holds class 1 only. Were its fakes drawn with the shard's shares, no image of class 0, real or
     * fake, would reach D in that partition, and D's embedding row of class 0 (the projection's, a dense layer
     * without bias on the one-hot label) would get no gradient: Adam from zero state would leave it exactly as it was.
     * Drawn with the whole data's shares (half class 0), the row moves.
     */
    @Test
    void aPartitionDrawsFakeClassesWithTheWholeDatasSharesNotItsShards(@TempDir Path dir) throws Exception {
        int[] labels = new int[40];
        Arrays.fill(labels, 20, 40, 1);
        RunConfig config = config(TinySpark.labelledImages(dir, labels), dir.resolve("runs"), 4, 4, 2, 4);
        try (Replica start = Replica.open(config, TrainingData.open(config.data()), config.train().seed())) {
            float[] before = embedRow0(start);
            Round round = new Round(ConfigLoader.toYaml(config), config.train().seed(), 0, 4, 0,
                    ModelState.of(start.generator(), start.discriminator(), start.average()),
                    Arrays.asList(null, null));
            assertThat(Shard.of(config.data(), 1, 2).labels()).as("shard 1 holds class 1 only").containsOnly(1);

            RoundSum sum = RoundTask.run(round, 1);
            sum.average().applyTo(start.generator(), start.discriminator(), start.average());

            assertThat(embedRow0(start)).as("D's embedding of class 0 after partition 1's round")
                    .isNotEqualTo(before);
        }
    }

    private static float[] embedRow0(Replica replica) {
        ComputationGraph d = (ComputationGraph) replica.discriminator().model();
        return d.getLayer("embed").getParam("W").getRow(0).dup().toFloatVector();
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.sorted().toList();
        }
    }
}
