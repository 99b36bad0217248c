package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.cli.UserInputException;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.TrainingRun;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two partitions on local[2]: the run trains, counts both partitions' images, and carries partition 1's streams. */
class TwoPartitionsTrainTest {

    @Test
    void twoPartitionsTrainAndTheirAverageIsNotOnePartitionsRun(@TempDir Path dir) throws Exception {
        Path images = TinySpark.images(dir, 40);
        RunConfig config = TinySpark.config(images, dir.resolve("runs"), 8, 2, 2, 4);
        Path run;
        JavaSparkContext spark = TinySpark.local(2);
        try (SparkLoops loops = new SparkLoops(spark, 2)) {
            run = new TrainingRun(config, false).withLoop(loops).run();
            long[] bytes = loops.bytesSent();
            assertThat(bytes[0]).as("rounds").isEqualTo(4);
            // Per round: the model broadcast once as floats; each partition's sum returned as doubles.
            assertThat(bytes[2] / bytes[0]).isEqualTo(2 * 2 * (bytes[1] / bytes[0]));
        }
        Path oneCopy = new TrainingRun(TinySpark.config(images, dir.resolve("runs"), 8, 2, 1, 4), false).run();

        Checkpoint middle = Checkpoint.read(Checkpoints.file(run, 4), true);
        Checkpoint end = Checkpoint.read(Checkpoints.file(run, 8), true);
        assertThat(end.state().imagesSeen()).as("8 iterations of batch 4 on each of 2 partitions").isEqualTo(64);
        float[] g = end.generator().params().toFloatVector();
        assertThat(g).as("G moved between rounds").isNotEqualTo(middle.generator().params().toFloatVector());
        assertThat(g).as("two partitions' average is not one partition's run")
                .isNotEqualTo(Checkpoint.read(Checkpoints.file(oneCopy, 8), true).generator().params().toFloatVector());
        for (float value : g) {
            assertThat(Float.isFinite(value)).isTrue();
        }
        JsonNode partition1 = end.resumeState().get(SparkLoops.STATE).path("carries").path("1");
        assertThat(partition1.path("streams").path("latents").isObject()).as("partition 1's streams").isTrue();
        assertThat(partition1.path("streams").get("latents")).as("partition 1 draws its own latents")
                .isNotEqualTo(end.resumeState().get("latents"));

        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        ObjectMapper json = new ObjectMapper();
        long trainRecords = 0;
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            if (record.path("type").asText().equals("train")) {
                trainRecords++;
                assertThat(Double.isFinite(record.get("dLoss").asDouble())).isTrue();
                assertThat(Double.isFinite(record.get("gLoss").asDouble())).isTrue();
            }
        }
        assertThat(trainRecords).as("one record per iteration (logEvery 1)").isEqualTo(8);
        assertThat(run.resolve("samples")).isDirectoryContaining(p -> p.getFileName().toString().contains("0000008"));
    }

    @Test
    void cadencesOffTheRoundsAreRefusedNamingEachKey(@TempDir Path dir) throws Exception {
        RunConfig config = TinySpark.config(TinySpark.images(dir, 40), dir, 8, 4, 2, 4);
        OutputConfig output = config.output();
        RunConfig off = new RunConfig(config.name(), config.data(), config.model(), config.train(),
                new OutputConfig(output.runsRoot(), 1, 6, 10), config.monitors());
        assertThatThrownBy(() -> SparkProvider.requireRoundCadences(off)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("output.sampleEvery = 6 is not a multiple of train.distributed.roundSteps = 4 "
                        + "(nearest: 4 or 8)")
                .hasMessageContaining("output.checkpointEvery = 10 is not a multiple")
                .hasMessageContaining("set roundSteps to a common divisor");
        SparkProvider.requireRoundCadences(config);
    }
}
