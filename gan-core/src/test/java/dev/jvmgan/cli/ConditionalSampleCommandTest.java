package dev.jvmgan.cli;

import dev.jvmgan.cli.GanCliTest.Outcome;
import dev.jvmgan.run.TinyRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.jvmgan.cli.GanCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code gan sample} and {@code gan eval} on one tiny class-conditional run (3 classes, 8x8 grey, latent 4). */
class ConditionalSampleCommandTest {
    @TempDir
    static Path shared;
    static Path runDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyConditionalRun() throws Exception {
        Path images = TinyRuns.labelledIdxImages(shared, 16, 3, 5);
        Path yaml = shared.resolve("tiny.yaml");
        Files.writeString(yaml, GanCliTest.tinyYaml(images, shared.resolve("runs"))
                .replace("model:\n", "model:\n  conditional: true\n"));
        Outcome train = run("train", yaml.toString(), "--iterations", "2");
        assertThat(train.exitCode()).as(train.err()).isZero();
        runDir = shared.resolve("runs/00000-tiny");
    }

    @Test
    void theTrainingGridOfAConditionalCheckpointIsDrawn() {
        Outcome outcome = GanCliTest.sample(runDir, "--training-grid", "--out", tmp.resolve("g.png").toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(tmp.resolve("g.png")).exists();
    }

    @Test
    void evalOfAConditionalCheckpointIsRefusedWithoutAStackTrace() {
        Outcome outcome = run("eval", runDir.toString(), "--n", "10", "--cache-dir", tmp.toString());
        assertThat(outcome.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(outcome.err()).contains("is class-conditional").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
