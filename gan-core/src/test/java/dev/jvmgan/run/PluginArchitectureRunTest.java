package dev.jvmgan.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.cli.GanCli;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.ConfigRule;
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

    @Test
    void aComputationGraphDiscriminatorResumesBitwise(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 4);
        String yaml = """
                data: {path: %s, imageSize: 8, channels: 1}
                model:
                  latentDim: 4
                  generator: {architecture: tiny-dense, params: {hidden: 16}}
                  discriminator: {architecture: tiny-residual, params: {channels: 3}}
                train: {iterations: 6, batchSize: 4}
                output: {runsRoot: %s, logEvery: 1, sampleEvery: 100, checkpointEvery: 100}
                monitors: {every: 2, chartEvery: 100}
                """;
        List<ConfigRule> rules = List.of(NetworkFactory.rule(), new DataRule());
        Path straightYaml = Files.writeString(tmp.resolve("a.yaml"), yaml.formatted(images, tmp.resolve("a")));
        Path resumedYaml = Files.writeString(tmp.resolve("b.yaml"), yaml.formatted(images, tmp.resolve("b")));
        Path straight = new TrainingRun(ConfigLoader.load(straightYaml, List.of(), rules), false).run();
        RunConfig config = ConfigLoader.load(resumedYaml, List.of(), rules);
        ResumeTest.StopAt stop = new ResumeTest.StopAt(3);
        TrainingRun first = new TrainingRun(config, false).withListener(stop);
        stop.run = first;
        Path runDir = first.run();
        new TrainingRun(config, false).resumingFrom(runDir, Checkpoints.loadLatest(runDir), List.of()).run();

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 6), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(runDir, 6), true);
        assertThat(actual.discriminator()).isInstanceOf(ComputationGraph.class);
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(((ComputationGraph) actual.discriminator()).updaterState())
                .isEqualTo(((ComputationGraph) expected.discriminator()).updaterState());
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
    }
}
