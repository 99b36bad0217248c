package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.precision.MixedPrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code train.precision: bf16} trains the default DCGAN: the first iteration's losses (same initial weights and
 * data) are float32's to bf16's precision, every loss is finite, and the run is reproducible: the same config trains
 * to the same losses, bit for bit.
 */
class Bf16TrainingTest {
    private static final Path DEFAULT_CONFIG = Path.of("..", "configs", "fashion-dcgan.yaml");
    private static final int ITERATIONS = 6;

    private static List<JsonNode> train(Path runs, String precision) throws Exception {
        RunConfig config = ConfigLoader.load(DEFAULT_CONFIG, List.of("train.iterations=" + ITERATIONS,
                "train.batchSize=16", "train.precision=" + precision, "output.runsRoot=" + runs,
                "output.logEvery=1", "output.sampleEvery=1000", "output.checkpointEvery=1000", "monitors.every=3"),
                List.of(NetworkFactory.rule(), new DataRule()));
        return ResumeTest.records(new TrainingRun(config, false).run(), "train");
    }

    @Test
    void trainsTheDefaultDcganCloseToFloat32AndReproducibly(@TempDir Path tmp) throws Exception {
        assumeTrue(MixedPrecision.unavailable().isEmpty(), () -> MixedPrecision.unavailable().orElse(""));
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
