package dev.jvmgan.cli;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.run.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.jvmgan.cli.GanCliTest.run;
import static dev.jvmgan.cli.GanCliTest.tinyYaml;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code gan train --resume} as a user meets it: refusal of a changed config, the allowed change, bad paths. */
class ResumeCommandTest {

    @Test
    void aLongerScheduleNeedsNoPermissionButAnyOtherChangeIsRefused(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 21);
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, tinyYaml(images, tmp.resolve("runs")));
        assertThat(run("train", yaml.toString(), "--iterations", "4").exitCode()).isZero();
        Path straight = tmp.resolve("runs/00000-tiny");
        Files.writeString(yaml, tinyYaml(images, tmp.resolve("runs")));
        assertThat(run("train", yaml.toString(), "--iterations", "2").exitCode()).isZero();
        Path runDir = tmp.resolve("runs/00001-tiny");

        GanCliTest.Outcome refused = run("train", "--resume", runDir.toString(), "--iterations", "4",
                "--set", "train.d.lr=1.0e-4");

        // The schedule may change on any resume; only the learning rate needs permission.
        assertThat(refused.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(refused.err()).contains("cannot resume " + runDir + " with a different config: 1 value differs")
                .contains("  train.d.lr: 2.0E-4 -> 1.0E-4").doesNotContain("train.iterations: 2 -> 4")
                .contains("--allow-config-change").doesNotContain("Exception");
        assertThat(Checkpoints.latest(runDir)).contains(Checkpoints.file(runDir, 2));

        GanCliTest.Outcome allowed = run("train", "--resume", runDir.toString(), "--iterations", "4");

        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 4), false);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(runDir, 4), false);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        String metrics = Files.readString(runDir.resolve("metrics.jsonl"));
        assertThat(metrics).contains("\"type\":\"resume\"")
                .contains("{\"key\":\"train.iterations\",\"before\":\"2\",\"after\":\"4\"}");
        assertThat(Files.readString(runDir.resolve("config.yaml"))).contains("iterations: 4");
    }

    @Test
    void resumeWithTheSameConfigFileNeedsNoPermission(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 22);
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, tinyYaml(images, tmp.resolve("runs")));
        assertThat(run("train", yaml.toString()).exitCode()).isZero();
        Path runDir = tmp.resolve("runs/00000-tiny");
        String metricsBefore = Files.readString(runDir.resolve("metrics.jsonl"));
        String configBefore = Files.readString(runDir.resolve("config.yaml"));

        GanCliTest.Outcome again = run("train", yaml.toString(), "--resume", runDir.toString());

        // The run had finished: resuming it trains nothing, writes nothing, and says how to train it longer.
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing to do: " + runDir + " is at iteration 4 and train.iterations is 4")
                .contains("./gan train --resume " + runDir + " --iterations 8").doesNotContain("done");
        assertThat(Checkpoints.latest(runDir)).contains(Checkpoints.file(runDir, 4));
        assertThat(Files.readString(runDir.resolve("metrics.jsonl"))).isEqualTo(metricsBefore);
        assertThat(Files.readString(runDir.resolve("config.yaml"))).isEqualTo(configBefore);

        GanCliTest.Outcome shorter = run("train", "--resume", runDir.toString(), "--iterations", "3");
        assertThat(shorter.exitCode()).as(shorter.err()).isZero();
        assertThat(shorter.out()).contains("is at iteration 4 and was asked for 3; nothing was written");
        assertThat(Files.readString(runDir.resolve("metrics.jsonl"))).isEqualTo(metricsBefore);
    }

    @Test
    void badResumeInputsExitTwoWithAMessage(@TempDir Path tmp) throws Exception {
        GanCliTest.Outcome missing = run("train", "--resume", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(missing.err()).contains("--resume " + tmp.resolve("nope") + ": does not exist; give a run directory");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        GanCliTest.Outcome noCheckpoints = run("train", "--resume", empty.toString());
        assertThat(noCheckpoints.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(noCheckpoints.err()).contains(empty + " has no checkpoints to resume from");

        GanCliTest.Outcome nothing = run("train");
        assertThat(nothing.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(nothing.err()).contains("give a CONFIG to start a run");

        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, tinyYaml(TinyRuns.idxImages(tmp, 16, 23), tmp.resolve("runs")));
        GanCliTest.Outcome misplaced = run("train", yaml.toString(), "--allow-config-change");
        assertThat(misplaced.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(misplaced.err()).contains("--allow-config-change only applies with --resume");
    }

    @Test
    void anUnwritableRunsRootIsAClearErrorBeforeTraining(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 24);
        Path yaml = tmp.resolve("tiny.yaml");
        Path aFile = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Files.writeString(yaml, tinyYaml(images, aFile.resolve("runs")));

        GanCliTest.Outcome outcome = run("train", yaml.toString());

        assertThat(outcome.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(outcome.err()).contains("error: output.runsRoot = " + aFile.resolve("runs")
                + ": cannot create a run directory there").contains("--set output.runsRoot=")
                .contains("(nothing was trained)").doesNotContain("\tat ");
    }

    @Test
    void aCheckpointThatCannotBeWrittenStopsTrainingAndKeepsTheOlderOnes(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 25);
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, tinyYaml(images, tmp.resolve("runs")));
        assertThat(run("train", yaml.toString(), "--iterations", "2").exitCode()).isZero();
        Path runDir = tmp.resolve("runs/00000-tiny");
        byte[] before = Files.readAllBytes(Checkpoints.file(runDir, 2));
        Path checkpoints = runDir.resolve(Checkpoints.DIRECTORY);
        // A directory where the next checkpoint's temporary file would go, a file system refusing the write.
        Path blocked = checkpoints.resolve("iter-0000004.zip");
        Files.createDirectories(blocked.resolve("in-the-way"));

        GanCliTest.Outcome outcome = run("train", "--resume", runDir.toString(), "--iterations", "4",
                "--allow-config-change");

        assertThat(outcome.exitCode()).isEqualTo(GanCli.FAILURE);
        assertThat(outcome.err()).contains("error: cannot write checkpoint " + blocked)
                .contains("the checkpoints already in " + checkpoints + " are intact")
                .contains("gan train --resume " + runDir).doesNotContain("\tat ");
        assertThat(Files.readAllBytes(Checkpoints.file(runDir, 2))).isEqualTo(before);
        try (var files = Files.list(checkpoints)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("iter-0000002.zip",
                    "iter-0000004.zip");
        }
    }
}
