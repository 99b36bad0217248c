package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.NetworkFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every activation of the family trains the default DCGAN (configs/fashion-dcgan.yaml: 28x28 Fashion-MNIST, batch
 * 64, full widths) in the generator and in the discriminator, with the monitors on. Tiny shapes hide shape limits
 * of native ops: PReLU's did (libnd4j's prelu_bp refused [64,128,7,7]).
 */
class EveryActivationTrainsTest {
    private static final Path DEFAULT_CONFIG = Path.of("..", "configs", "fashion-dcgan.yaml");

    @ParameterizedTest(name = "{0} in G")
    @EnumSource(ActivationType.class)
    void inTheGenerator(ActivationType type, @TempDir Path tmp) throws Exception {
        trains("model.generator.activation=" + type.name().toLowerCase(), tmp);
    }

    @ParameterizedTest(name = "{0} in D")
    @EnumSource(ActivationType.class)
    void inTheDiscriminator(ActivationType type, @TempDir Path tmp) throws Exception {
        trains("model.discriminator.activation=" + type.name().toLowerCase(), tmp);
    }

    private static void trains(String activation, Path tmp) throws Exception {
        RunConfig config = ConfigLoader.load(DEFAULT_CONFIG, List.of(activation, "train.iterations=3",
                "output.logEvery=1", "monitors.every=1", "output.sampleEvery=1000", "output.checkpointEvery=1000",
                "output.runsRoot=" + tmp), List.of(NetworkFactory.rule(), new DataRule()));
        assertThat(config.train().batchSize()).isEqualTo(64);
        assertThat(config.monitors().enabled()).isTrue();

        Path runDir = new TrainingRun(config, false).run();

        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        ObjectMapper json = new ObjectMapper();
        long trainRecords = 0;
        long monitorRecords = 0;
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            String type = record.path("type").asText("train");
            if (type.equals("train")) {
                trainRecords++;
                assertThat(Double.isFinite(record.get("dLoss").asDouble())).as(line).isTrue();
                assertThat(Double.isFinite(record.get("gLoss").asDouble())).as(line).isTrue();
            } else if (type.equals("monitor")) {
                monitorRecords++;
            }
        }
        assertThat(trainRecords).as(activation).isEqualTo(3);
        assertThat(monitorRecords).as(activation).isPositive();
    }
}
