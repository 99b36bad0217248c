package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.PenaltyConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each loss trains a tiny DCGAN end to end for a few iterations (the critic with WGAN-GP), and its records say what
 * D's outputs are: no {@code dOutput} for probabilities, {@code raw} or {@code critic} otherwise; sigmoid saturation
 * only where there is a sigmoid; the penalty's figures where there is a penalty.
 */
class EveryLossTrainsTest {
    private static final int ITERATIONS = 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(LossConfig.Type.class)
    void eachLossTrainsAndItsRecordsSayWhatDsOutputsAre(LossConfig.Type type, @TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 51);
        RunConfig tiny = TinyRuns.config(images, tmp.resolve("runs"), ITERATIONS);
        boolean critic = type == LossConfig.Type.WGAN;
        TrainConfig train = tiny.train().withAlgorithm(LossConfig.of(type),
                critic ? PenaltyConfig.wganGp(10, 1) : PenaltyConfig.none(), List.of(),
                tiny.train().instanceNoise());
        MonitorConfig m = tiny.monitors();
        RunConfig config = new RunConfig(tiny.name(), tiny.data(), tiny.model(), train,
                new OutputConfig(tmp.resolve("runs").toString(), 1, 100, 100),
                new MonitorConfig(1, m.window(), 100, m.vanishingBelow(), m.explodingAbove(), m.alerts()));

        Path runDir = new TrainingRun(config, false).run();

        List<JsonNode> trainRecords = ResumeTest.records(runDir, "train");
        List<JsonNode> monitorRecords = ResumeTest.records(runDir, "monitor");
        assertThat(trainRecords).hasSize(ITERATIONS);
        assertThat(monitorRecords).hasSize(ITERATIONS);
        String dOutput = switch (type.outputs()) {
            case PROBABILITY -> null;
            case RAW -> "raw";
            case CRITIC -> "critic";
        };
        for (JsonNode record : trainRecords) {
            assertThat(Double.isFinite(record.get("dLoss").asDouble())).as(record.toString()).isTrue();
            assertThat(Double.isFinite(record.get("gLoss").asDouble())).as(record.toString()).isTrue();
            assertThat(record.has("dOutput") ? record.get("dOutput").asText() : null).isEqualTo(dOutput);
            assertThat(record.has("penalty")).isEqualTo(critic);
            assertThat(record.has("penaltyGradientNorm")).isEqualTo(critic);
        }
        for (JsonNode record : monitorRecords) {
            assertThat(record.has("dOutput") ? record.get("dOutput").asText() : null).isEqualTo(dOutput);
            assertThat(record.has("dOutputSaturatedReal"))
                    .isEqualTo(type.outputs() == LossConfig.Outputs.PROBABILITY);
            assertThat(Double.isFinite(record.get("gSignal").asDouble())).isTrue();
        }
        if (critic) {
            assertThat(trainRecords.get(0).get("penalty").asDouble()).isNotNegative();
            assertThat(trainRecords.get(0).get("penaltyGradientNorm").asDouble()).isPositive();
        }
    }
}
