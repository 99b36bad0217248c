package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** N iterations, a stop, a resume and N more equal 2N straight: parameters, optimiser state, every saved state. */
class ResumeTest {
    static final int HALF = 5;

    /** Tiny run with monitors every 2 iterations and checkpoints every 3, so neither lines up with the stop. */
    static RunConfig config(Path images, Path runs, ActivationType dActivation) {
        RunConfig tiny = TinyRuns.config(images, runs, 2 * HALF);
        NetworkConfig d = tiny.model().discriminator();
        ActivationConfig activation = dActivation == ActivationType.RRELU
                ? ActivationConfig.defaults(ActivationType.RRELU) : ActivationConfig.leakyRelu(0.2);
        MonitorConfig m = tiny.monitors();
        return new RunConfig(tiny.name(), tiny.data(),
                new ModelConfig(4, tiny.model().generator(),
                        new NetworkConfig(d.architecture(), d.widths(), activation, d.batchNorm(), d.initStd())),
                tiny.train(), new OutputConfig(runs.toString(), 1, 4, 3),
                new MonitorConfig(2, 2, 4, m.vanishingBelow(), m.explodingAbove(), m.alerts()));
    }

    /** Stops the run after iteration {@code at}, as Ctrl-C would. */
    static final class StopAt implements TrainingListener {
        final long at;
        TrainingRun run;

        StopAt(long at) {
            this.at = at;
        }

        @Override
        public void iterationDone(TrainingSession session, IterationStats stats) {
            if (stats.iteration() == at) {
                run.requestStop();
            }
        }
    }

    static Path stopAndResume(RunConfig config) throws Exception {
        StopAt stop = new StopAt(HALF);
        TrainingRun first = new TrainingRun(config, false).withListener(stop);
        stop.run = first;
        Path runDir = first.run();
        assertThat(first.stopped()).isTrue();
        assertThat(first.iterationsDone()).isEqualTo(HALF);
        assertThat(Checkpoints.latest(runDir)).contains(Checkpoints.file(runDir, HALF));

        TrainingRun second = new TrainingRun(config, false)
                .resumingFrom(runDir, Checkpoints.loadLatest(runDir), List.of());
        assertThat(second.run()).isEqualTo(runDir);
        assertThat(second.stopped()).isFalse();
        assertThat(second.iterationsDone()).isEqualTo(2 * HALF);
        return runDir;
    }

    @ParameterizedTest
    @EnumSource(value = ActivationType.class, names = {"LEAKYRELU", "RRELU"})
    void stopAndResumeIsBitwiseTheUninterruptedRun(ActivationType dActivation, @TempDir Path tmp) throws Exception {
        // RReLU draws its slopes from ND4J's global generator, so it also checks that generator's state is resumed.
        Path images = TinyRuns.idxImages(tmp, 16, 11);
        Path straight = new TrainingRun(config(images, tmp.resolve("a"), dActivation), false).run();
        Path resumed = stopAndResume(config(images, tmp.resolve("b"), dActivation));

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * HALF), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * HALF), true);
        assertThat(actual.state()).isEqualTo(expected.state());
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(((NeuralNetwork) actual.generator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.generator()).updaterState());
        assertThat(((NeuralNetwork) actual.discriminator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.discriminator()).updaterState());
        // Latent and ND4J generators, data order, monitor history and windows, best-checkpoint bookkeeping.
        assertThat(actual.resumeState().keySet())
                .containsExactlyInAnyOrder("data", "latents", "nd4jRandom", "monitors", "checkpoints");
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());

        assertThat(trainRecords(resumed)).isEqualTo(trainRecords(straight));
        assertThat(records(resumed, "monitor")).isEqualTo(records(straight, "monitor"));
        List<JsonNode> resumes = records(resumed, "resume");
        assertThat(resumes).hasSize(1);
        assertThat(resumes.get(0).get("iteration").asLong()).isEqualTo(HALF);
        assertThat(resumes.get(0).get("checkpoint").asText()).isEqualTo("iter-0000005.zip");
    }

    @Test
    void recordsWrittenAfterTheCheckpointAreDroppedOnResume(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 12);
        RunConfig config = config(images, tmp.resolve("runs"), ActivationType.LEAKYRELU);
        StopAt stop = new StopAt(HALF);
        TrainingRun first = new TrainingRun(config, false).withListener(stop);
        stop.run = first;
        Path runDir = first.run();
        // As if the process had died at iteration 5 after the checkpoint of 3 (and a torn last line).
        Files.delete(Checkpoints.file(runDir, HALF));
        Files.writeString(runDir.resolve(MetricsJsonlListener.FILE_NAME), "{\"type\":\"train\",\"iter",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(runDir.resolve("checkpoints/.iter-0000006.zip123.tmp"), "half a zip");

        new TrainingRun(config, false).resumingFrom(runDir, Checkpoints.loadLatest(runDir), List.of()).run();

        List<Long> iterations = trainRecords(runDir).stream().map(r -> r.get("iteration").asLong()).toList();
        assertThat(iterations).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(runDir.resolve("checkpoints/.iter-0000006.zip123.tmp")).doesNotExist();
    }

    @Test
    void aTornNewestCheckpointIsSkippedForThePreviousOne(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 13);
        Path runDir = new TrainingRun(config(images, tmp.resolve("runs"), ActivationType.LEAKYRELU), false).run();
        Path newest = Checkpoints.file(runDir, 2 * HALF);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Checkpoints.Loaded loaded = Checkpoints.loadLatest(runDir);

        assertThat(loaded.file()).isEqualTo(Checkpoints.file(runDir, 9));
        assertThat(loaded.checkpoint().state().iteration()).isEqualTo(9);
    }

    @Test
    void keepsTheNewestCheckpointsAndTheBestByTheConfiguredMetric(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 14);
        RunConfig tiny = TinyRuns.config(images, tmp.resolve("runs"), 10);
        RunConfig config = new RunConfig(tiny.name(), tiny.data(), tiny.model(), tiny.train(),
                new OutputConfig(tmp.resolve("runs").toString(), 1, 100, 2, 2, "gLoss", "min"), tiny.monitors());
        List<IterationStats> stats = new ArrayList<>();
        Path runDir = new TrainingRun(config, false).withListener(new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession session, IterationStats s) {
                stats.add(s);
            }
        }).run();

        assertThat(Checkpoints.list(runDir)).containsExactly(Checkpoints.file(runDir, 8), Checkpoints.file(runDir, 10));
        long bestIteration = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int end = 2; end <= 10; end += 2) {
            double mean = (stats.get(end - 2).gLoss() + stats.get(end - 1).gLoss()) / 2;
            if (mean < best) {
                best = mean;
                bestIteration = end;
            }
        }
        Checkpoint kept = Checkpoint.read(Checkpoints.best(runDir), false);
        assertThat(kept.state().iteration()).isEqualTo(bestIteration);
        assertThat(kept.resumeState().get("checkpoints").get("bestValue").asDouble()).isEqualTo(best);
    }

    @Test
    void aCheckpointWithoutResumeStateIsRefusedWithAClearMessage(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 15);
        RunConfig config = config(images, tmp.resolve("runs"), ActivationType.LEAKYRELU);
        Path runDir = new TrainingRun(config, false).run();
        Path file = Checkpoints.file(runDir, 2 * HALF);
        Checkpoint full = Checkpoint.read(file, true);
        new Checkpoint(full.generator(), full.discriminator(), full.state(), full.configYaml()).write(file);

        TrainingRun resumed = new TrainingRun(config, false)
                .resumingFrom(runDir, Checkpoints.loadLatest(runDir), List.of());

        assertThatThrownBy(resumed::run).isInstanceOf(RunSetupException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("holds no resume state");
    }

    @Test
    void aStreamedFolderWithRandomCropsAndFlipsResumesBitwise(@TempDir Path tmp) throws Exception {
        java.util.Random random = new java.util.Random(5);
        for (String label : List.of("a", "b")) {
            Path dir = Files.createDirectories(tmp.resolve("pictures").resolve(label));
            for (int n = 0; n < 12; n++) {
                java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(12, 9,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 9; y++) {
                    for (int x = 0; x < 12; x++) {
                        image.setRGB(x, y, random.nextInt(0x1000000));
                    }
                }
                javax.imageio.ImageIO.write(image, "png", dir.resolve(n + ".png").toFile());
            }
        }
        String yaml = """
                data: {source: folder, path: %s, imageSize: 8, channels: 3, crop: random, flip: true, loaderThreads: 2}
                model:
                  latentDim: 4
                  generator: {widths: [8, 4]}
                  discriminator: {widths: [4, 8]}
                train: {iterations: 10, batchSize: 4, seed: 9}
                output: {runsRoot: %s, logEvery: 1, sampleEvery: 100, checkpointEvery: 100}
                monitors: {every: 2, chartEvery: 100}
                """;
        var rules = List.<dev.jvmgan.config.ConfigRule>of(dev.jvmgan.model.NetworkFactory.rule(), new DataRule());
        RunConfig a = dev.jvmgan.config.ConfigLoader.load(Files.writeString(tmp.resolve("a.yaml"),
                yaml.formatted(tmp.resolve("pictures"), tmp.resolve("a"))), List.of(), rules);
        RunConfig b = dev.jvmgan.config.ConfigLoader.load(Files.writeString(tmp.resolve("b.yaml"),
                yaml.formatted(tmp.resolve("pictures"), tmp.resolve("b"))), List.of(), rules);

        Path straight = new TrainingRun(a, false).run();
        Path resumed = stopAndResume(b);

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * HALF), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * HALF), true);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
        // 24 images in batches of 4: the stop at 5 falls inside the first epoch, the end in the second.
        assertThat(actual.resumeState().get("data").get("epoch").asInt()).isEqualTo(1);
    }

    static List<JsonNode> records(Path runDir, String type) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve(MetricsJsonlListener.FILE_NAME))) {
            JsonNode record = json.readTree(line);
            if (record.get("type").asText().equals(type)) {
                out.add(record);
            }
        }
        return out;
    }

    /** Train records without wall-clock fields. */
    static List<JsonNode> trainRecords(Path runDir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode record : records(runDir, "train")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) record).remove(List.of("time", "itPerSec"));
            out.add(record);
        }
        return out;
    }
}
