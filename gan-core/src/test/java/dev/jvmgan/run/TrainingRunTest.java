package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A few iterations end to end on tiny images: every output file, event order, determinism. */
class TrainingRunTest {

    static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();
        INDArray generatorParams;
        INDArray discriminatorParams;

        @Override
        public void trainingStarted(TrainingSession session) {
            events.add("started");
        }

        @Override
        public void iterationDone(TrainingSession session, IterationStats stats) {
            events.add("iteration " + stats.iteration() + " seen " + stats.imagesSeen());
        }

        @Override
        public void trainingEnded(TrainingSession session, Throwable failure) {
            events.add("ended " + (failure == null ? "ok" : failure.getMessage()));
            generatorParams = session.generator().params().dup();
            discriminatorParams = session.discriminator().params().dup();
        }
    }

    @Test
    void writesEveryOutputFileAndFiresEventsInOrder(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 1);
        RunConfig config = TinyRuns.config(images, tmp.resolve("runs"), 6);
        Recorder recorder = new Recorder();

        Path runDir = new TrainingRun(config, false).withListener(recorder).run();

        assertThat(runDir.getFileName().toString()).isEqualTo("00000-tiny");
        assertThat(recorder.events).containsExactly("started",
                "iteration 1 seen 4", "iteration 2 seen 8", "iteration 3 seen 12", "iteration 4 seen 16",
                "iteration 5 seen 20", "iteration 6 seen 24", "ended ok");
        assertThat(runDir.resolve("config.yaml")).isNotEmptyFile();

        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(3);
        JsonNode last = new ObjectMapper().readTree(lines.get(2));
        assertThat(last.get("iteration").asLong()).isEqualTo(6);
        assertThat(last.get("imagesSeen").asLong()).isEqualTo(24);
        for (String key : List.of("dLoss", "gLoss", "dReal", "dFake", "itPerSec")) {
            assertThat(last.get(key).isNumber()).as(key).isTrue();
            assertThat(Double.isFinite(last.get(key).asDouble())).as(key).isTrue();
        }
        assertThat(last.get("dReal").asDouble()).isBetween(0.0, 1.0);

        BufferedImage grid = ImageIO.read(runDir.resolve("samples/iter-0000003.png").toFile());
        assertThat(grid.getWidth()).as("8x8 tiles shown 11x, at 88 px").isEqualTo(11 * (8 * 8 + 9 * 2));
        assertThat(runDir.resolve("samples/iter-0000006.png")).isNotEmptyFile();

        assertThat(runDir.resolve("checkpoints/iter-0000004.zip")).isNotEmptyFile();
        assertThat(ImageIO.read(runDir.resolve(LossChart.FILE).toFile()).getHeight()).isEqualTo(700);
        assertThat(Checkpoints.latest(runDir)).contains(runDir.resolve("checkpoints/iter-0000006.zip"));
        Checkpoint checkpoint = Checkpoint.read(runDir.resolve("checkpoints/iter-0000006.zip"), true);
        assertThat(checkpoint.state().iteration()).isEqualTo(6);
        assertThat(checkpoint.state().imagesSeen()).isEqualTo(24);
        assertThat(checkpoint.generator().params()).isEqualTo(recorder.generatorParams);
        assertThat(checkpoint.discriminator().params()).isEqualTo(recorder.discriminatorParams);
        assertThat(((org.deeplearning4j.nn.api.NeuralNetwork) checkpoint.discriminator()).updaterState().sumNumber()
                .doubleValue()).isNotZero();
        try (var leftovers = Files.list(runDir.resolve("checkpoints"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".zip"));
        }

        Path second = new TrainingRun(config, false).run();
        assertThat(second.getFileName().toString()).isEqualTo("00001-tiny");
    }

    @Test
    void oneSeedGivesIdenticalParameters(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 2);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        new TrainingRun(TinyRuns.config(images, tmp.resolve("a"), 5), false).withListener(first).run();
        new TrainingRun(TinyRuns.config(images, tmp.resolve("b"), 5), false).withListener(second).run();

        assertThat(first.generatorParams).isEqualTo(second.generatorParams);
        assertThat(first.discriminatorParams).isEqualTo(second.discriminatorParams);
    }

    @Test
    void aFailingListenerStopsTrainingAndEveryListenerHearsWhy(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 3);
        Recorder recorder = new Recorder();
        TrainingListener failing = new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession session, IterationStats stats) {
                if (stats.iteration() == 2) {
                    throw new IllegalStateException("boom at 2");
                }
            }
        };
        TrainingRun run = new TrainingRun(TinyRuns.config(images, tmp.resolve("runs"), 6), false)
                .withListener(failing).withListener(recorder);

        assertThatThrownBy(run::run).hasMessage("boom at 2");
        assertThat(recorder.events).containsExactly("started", "iteration 1 seen 4", "ended boom at 2");
        Path runDir = tmp.resolve("runs/00000-tiny");
        assertThat(Checkpoints.latest(runDir)).isEmpty();
    }
}
