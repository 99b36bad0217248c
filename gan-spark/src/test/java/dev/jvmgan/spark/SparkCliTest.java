package dev.jvmgan.spark;

import dev.jvmgan.cli.GanCli;
import dev.jvmgan.run.ClusterLoops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gan train CONFIG --spark MASTER} as the CLI sees it: the provider is found, bad input exits 2, a conditional
 * model trains.
 */
class SparkCliTest {

    @Test
    void theCliFindsGanSparksProvider() {
        assertThat(ServiceLoader.load(ClusterLoops.Provider.class).findFirst()).get()
                .isInstanceOf(SparkProvider.class);
    }

    @Test
    void cadencesOffTheRoundsExitWithUsageNamingTheKeyBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path images = TinySpark.images(dir, 40);
        Path config = dir.resolve("off.yaml");
        Files.writeString(config, "data: {path: " + images + ", imageSize: 8}\n"
                + "train: {distributed: {roundSteps: 4, partitions: 2}}\n"
                + "output: {runsRoot: " + dir.resolve("runs") + ", sampleEvery: 6, checkpointEvery: 8}\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = GanCli.run("train", config.toString(), "--spark", "local[1]");
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(GanCli.USAGE);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("output.sampleEvery = 6 is not a multiple of train.distributed.roundSteps = 4")
                .doesNotContain("checkpointEvery = 8");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aConditionalModelTrainsOnSparkWithItsClassesFile(@TempDir Path dir) throws Exception {
        Path images = TinySpark.labelledImages(dir, new java.util.Random(3).ints(40, 0, 3).toArray());
        Path config = dir.resolve("cond.yaml");
        Files.writeString(config, "data: {path: " + images + ", imageSize: 8}\n"
                + "model: {conditional: true, fakeClasses: data, latentDim: 4, generator: {widths: [8, 4]}, "
                + "discriminator: {widths: [4, 8]}}\n"
                + "train: {iterations: 4, batchSize: 4, distributed: {roundSteps: 2, partitions: 2}}\n"
                + "monitors: {every: 0}\n"
                + "output: {runsRoot: " + dir.resolve("runs") + ", logEvery: 1, sampleEvery: 2, checkpointEvery: 2}\n");
        int code = GanCli.run("train", config.toString(), "--spark", "local[2]");

        assertThat(code).isEqualTo(0);
        Path run;
        try (var runs = Files.list(dir.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertThat(run.resolve("classes.json")).content().contains("\"0\"", "\"1\"", "\"2\"");
        assertThat(dev.jvmgan.checkpoint.Checkpoints.file(run, 4)).isRegularFile();
    }
}
