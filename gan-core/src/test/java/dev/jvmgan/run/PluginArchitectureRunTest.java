package dev.jvmgan.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.cli.GanCli;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.NetworkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a user takes with an architecture of their own, here the test sources' {@code tiny-dense} (a
 * MultiLayerNetwork generator) and {@code tiny-residual} (a ComputationGraph discriminator), named in YAML and found
 * through {@code META-INF/services}: trained a few iterations, monitored, checkpointed, sampled by the CLI.
 */
class PluginArchitectureRunTest {

    @Test
    void aUserArchitectureTrainsIsMonitoredAndIsSampledFromItsCheckpoint(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 3);
        Path yaml = tmp.resolve("custom.yaml");
        Files.writeString(yaml, """
                data: {path: %s, imageSize: 8, channels: 1}
                model:
                  latentDim: 4
                  generator: {architecture: tiny-dense, params: {hidden: 16}}
                  discriminator: {architecture: tiny-residual, params: {channels: 3}}
                train: {iterations: 4, batchSize: 4}
                output: {runsRoot: %s, logEvery: 1, sampleEvery: 2, checkpointEvery: 2}
                monitors: {every: 2, chartEvery: 2}
                """.formatted(images, tmp.resolve("runs")));
        RunConfig config = ConfigLoader.load(yaml, List.of(), List.of(NetworkFactory.rule(), new DataRule()));

        Path runDir = new TrainingRun(config, false).run();

        List<String> layers = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            JsonNode record = json.readTree(line);
            if ("monitor".equals(record.path("type").asText()) && record.path("iteration").asInt() == 4) {
                record.path("layers").forEach(l -> layers.add(l.path("network").asText() + " "
                        + l.path("layer").asText() + " " + l.path("units").asInt()));
            }
        }
        assertThat(layers).containsExactlyInAnyOrder("G act1 16", "D act1 3", "D act2 3");

        Checkpoint latest = Checkpoint.read(Checkpoints.resolve(runDir), true);
        assertThat(latest.generator()).isInstanceOf(MultiLayerNetwork.class);
        assertThat(latest.discriminator()).isInstanceOf(ComputationGraph.class);
        assertThat(latest.state().iteration()).isEqualTo(4);

        Path first = tmp.resolve("a.png");
        Path second = tmp.resolve("b.png");
        assertThat(GanCli.run("sample", runDir.toString(), "--n", "4", "--seed", "9", "--out", first.toString()))
                .isZero();
        assertThat(GanCli.run("sample", runDir.toString(), "--n", "4", "--seed", "9", "--out", second.toString()))
                .isZero();
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }
}
