package dev.jvmgan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.cli.GanCli;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.Architectures;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.run.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example architectures as a user meets them: registered by {@code META-INF/services}, named in
 * {@code configs/fashion-resnet-custom.yaml}, trained with the monitors on, checkpointed and sampled.
 */
class CustomArchitecturesTest {
    private static final Path CONFIGS = Path.of("..", "configs");
    private static final Path CUSTOM = CONFIGS.resolve("fashion-resnet-custom.yaml");
    private static final Path PROJECTION = CONFIGS.resolve("fashion-projection-custom.yaml");

    /** Every config of the repository, with gan-examples' architectures visible (gan-core's tests cannot see them). */
    static Stream<Path> allConfigs() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("allConfigs")
    void everyConfigLoadsAndBuildsItsNetworks(Path file) {
        RunConfig config = ConfigLoader.load(file, List.of(), List.of(NetworkFactory.rule()));
        assertThat(config.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
    }

    @Test
    void theExamplesAreRegisteredByName() {
        assertThat(Architectures.find(NetworkRole.DISCRIMINATOR, "resnet-small"))
                .isInstanceOf(ResidualDiscriminator.class);
        assertThat(Architectures.find(NetworkRole.GENERATOR, "upsample-conv")).isInstanceOf(UpsampleGenerator.class);
        assertThat(Architectures.find(NetworkRole.DISCRIMINATOR, "resnet-projection"))
                .isInstanceOf(ProjectionDiscriminator.class);
        assertThat(Architectures.names(NetworkRole.DISCRIMINATOR))
                .containsExactly("dcgan", "mlp", "resnet-projection", "resnet-small");
        assertThat(Architectures.names(NetworkRole.GENERATOR)).containsExactly("dcgan", "mlp", "upsample-conv");
    }

    @Test
    void theCustomConfigTrainsIsMonitoredCheckpointedAndSampled(@TempDir Path tmp) throws IOException {
        RunConfig config = ConfigLoader.load(CUSTOM, List.of(
                "model.generator.widths=[8,4]", "model.discriminator.params.channels=4",
                "model.discriminator.params.blocks=1", "train.batchSize=8", "train.iterations=4",
                "output.runsRoot=" + tmp.resolve("runs"), "output.logEvery=1", "output.sampleEvery=2",
                "output.checkpointEvery=2", "monitors.every=2", "monitors.chartEvery=2"),
                List.of(NetworkFactory.rule()));

        Path runDir = new TrainingRun(config, false).run();

        List<JsonNode> monitors = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            JsonNode record = json.readTree(line);
            if ("monitor".equals(record.path("type").asText())) {
                monitors.add(record);
            }
        }
        assertThat(monitors).hasSize(2);
        List<String> layers = new ArrayList<>();
        monitors.get(1).path("layers").forEach(l -> layers.add(l.path("network").asText() + " "
                + l.path("layer").asText() + " " + l.path("label").asText()));
        assertThat(layers).contains("D act0 never positive", "D block1_act1 never positive",
                "D block1_act2 never positive", "D act_down never positive", "G act1 dead", "G act2 dead");
        List<String> gradients = new ArrayList<>();
        monitors.get(1).path("gradients").forEach(g -> gradients.add(g.path("network").asText() + " "
                + g.path("layer").asText() + "/" + g.path("param").asText()));
        assertThat(gradients).contains("D block1_conv2/W", "D stem/b", "G conv2/W");
        assertThat(runDir.resolve("dead-units.png")).isNotEmptyFile();

        Path grid = tmp.resolve("grid.png");
        assertThat(GanCli.run("sample", runDir.toString(), "--n", "4", "--out", grid.toString())).isZero();
        assertThat(grid).isNotEmptyFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1"})
    void theConditionalPluginTrainsWithGradientThroughItsLabelPathAndSamplesAClass(String auxClassifier,
                                                                                @TempDir Path tmp)
            throws IOException {
        RunConfig config = ConfigLoader.load(PROJECTION, List.of(
                "model.generator.widths=[8,4]", "model.discriminator.params.channels=4",
                "model.discriminator.params.blocks=1", "train.batchSize=8", "train.iterations=4",
                "output.runsRoot=" + tmp.resolve("runs"), "output.logEvery=1", "output.sampleEvery=2",
                "output.checkpointEvery=2", "monitors.every=2", "monitors.chartEvery=2",
                "model.auxClassifier=" + auxClassifier),
                List.of(NetworkFactory.rule()));

        Path runDir = new TrainingRun(config, false).run();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> train = new ArrayList<>();
        List<String> gradients = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            JsonNode record = json.readTree(line);
            if ("train".equals(record.path("type").asText())) {
                train.add(record);
            } else if ("monitor".equals(record.path("type").asText())) {
                record.path("gradients").forEach(g -> gradients.add(g.path("network").asText() + " "
                        + g.path("layer").asText() + "/" + g.path("param").asText()));
            }
        }
        assertThat(train).hasSize(4).allSatisfy(r -> assertThat(r.path("dLoss").asDouble()).isFinite());
        // The class embedding is D's label path: its gradient is there only if the labels reached the projection.
        assertThat(gradients).contains("D embed/W", "D logit/W", "D stem/W");
        // With ACGAN's auxiliary classifier the class layer learns too; without it there is none.
        if (auxClassifier.equals("1")) {
            assertThat(gradients).contains("D classes/W");
        } else {
            assertThat(gradients).noneMatch(g -> g.startsWith("D classes/"));
        }

        Path grid = tmp.resolve("class3.png");
        assertThat(GanCli.run("sample", runDir.toString(), "--class", "3", "--n", "4", "--out", grid.toString()))
                .isZero();
        assertThat(grid).isNotEmptyFile();
    }
}
