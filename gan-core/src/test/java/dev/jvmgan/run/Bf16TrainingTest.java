package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.Precision;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.convolution.OneDnnConvolutions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code train.precision: bf16} trains the default DCGAN: the first iteration's losses (same initial weights and
 * data) are float32's to bf16's precision, every loss is finite, and the run is reproducible: the same config trains
 * to the same losses, bit for bit, and a stop and resume ends where the uninterrupted run does.
 */
class Bf16TrainingTest {
    private static final Path DEFAULT_CONFIG = Path.of("..", "configs", "fashion-dcgan.yaml");
    private static final int ITERATIONS = 6;

    private static RunConfig config(Path runs, String precision, int iterations, int checkpointEvery) {
        return ConfigLoader.load(DEFAULT_CONFIG, List.of("train.iterations=" + iterations,
                "train.batchSize=16", "train.precision=" + precision, "output.runsRoot=" + runs,
                "output.logEvery=1", "output.sampleEvery=1000", "output.checkpointEvery=" + checkpointEvery,
                "monitors.every=3"), List.of(NetworkFactory.rule(), new DataRule()));
    }

    private static List<JsonNode> train(Path runs, String precision) throws Exception {
        return ResumeTest.records(new TrainingRun(config(runs, precision, ITERATIONS, 1000), false).run(), "train");
    }

    @Test
    void stopAndResumeIsBitwiseTheUninterruptedBf16Run(@TempDir Path tmp) throws Exception {
        assumeTrue(OneDnnConvolutions.unavailable(Precision.BF16).isEmpty(), () -> OneDnnConvolutions.unavailable(Precision.BF16).orElse(""));
        int half = ResumeTest.HALF;
        Path straight = new TrainingRun(config(tmp.resolve("a"), "bf16", 2 * half, half), false).run();
        Path resumed = ResumeTest.stopAndResume(config(tmp.resolve("b"), "bf16", 2 * half, half));
        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * half), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * half), true);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        List<JsonNode> a = ResumeTest.records(straight, "train");
        List<JsonNode> b = ResumeTest.records(resumed, "train");
        for (int i = half; i < 2 * half; i++) {
            assertThat(b.get(i).get("dLoss").asDouble()).isEqualTo(a.get(i).get("dLoss").asDouble());
            assertThat(b.get(i).get("gLoss").asDouble()).isEqualTo(a.get(i).get("gLoss").asDouble());
        }
    }

    @Test
    void trainsTheDefaultDcganCloseToFloat32AndReproducibly(@TempDir Path tmp) throws Exception {
        assumeTrue(OneDnnConvolutions.unavailable(Precision.BF16).isEmpty(), () -> OneDnnConvolutions.unavailable(Precision.BF16).orElse(""));
        List<JsonNode> f32 = train(tmp.resolve("f32"), "float32");
        List<JsonNode> bf16 = train(tmp.resolve("bf16"), "bf16");
        List<JsonNode> again = train(tmp.resolve("again"), "bf16");

        assertThat(bf16).hasSize(ITERATIONS);
        for (String loss : List.of("dLoss", "gLoss")) {
            double a = f32.get(0).get(loss).asDouble();
            double b = bf16.get(0).get(loss).asDouble();
            assertThat(b).as(loss + " at iteration 1").isCloseTo(a, org.assertj.core.data.Percentage.withPercentage(2));
            assertThat(b).as(loss + " differs from float32's").isNotEqualTo(a);
            for (int i = 0; i < ITERATIONS; i++) {
                assertThat(Double.isFinite(bf16.get(i).get(loss).asDouble())).isTrue();
                assertThat(again.get(i).get(loss).asDouble()).as(loss + " of the second bf16 run, iteration " + i)
                        .isEqualTo(bf16.get(i).get(loss).asDouble());
            }
        }
    }
}
