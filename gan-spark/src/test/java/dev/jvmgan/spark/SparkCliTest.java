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

/** {@code gan train CONFIG --spark MASTER} as the CLI sees it: the provider is found, bad input exits 2. */
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
    void aConditionalModelIsRefusedNamingTheKeyBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("cond.yaml");
        Files.writeString(config, "model: {conditional: true}\n"
                + "output: {runsRoot: " + dir.resolve("runs") + "}\n");
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
                .contains("model.conditional").contains("cannot train on Spark yet");
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
