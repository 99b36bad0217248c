package dev.jvmgan.cli;

import dev.jvmgan.run.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a user meets it: exit codes and messages, no stack traces for bad input. */
class GanCliTest {

    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = GanCli.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** {@code gan sample SOURCE ARGS...}. */
    static Outcome sample(Path source, String... args) {
        return run(Stream.concat(Stream.of("sample", source.toString()), Arrays.stream(args)).toArray(String[]::new));
    }

    static String tinyYaml(Path images, Path runs) {
        return String.join("\n",
                "data:", "  path: " + images, "  imageSize: 8",
                "model:", "  latentDim: 4",
                "  generator: {widths: [8, 4]}", "  discriminator: {widths: [4, 8]}",
                "train: {iterations: 4, batchSize: 4, seed: 3}",
                "output: {runsRoot: " + runs + ", logEvery: 2, sampleEvery: 2, checkpointEvery: 2}", "");
    }

    @Test
    void trainThenSampleDeterministically(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 5);
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, tinyYaml(images, tmp.resolve("runs")));

        Outcome train = run("train", yaml.toString(), "--iterations", "3");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path runDir = tmp.resolve("runs/00000-tiny");
        assertThat(runDir.resolve("checkpoints/iter-0000003.zip")).exists();

        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        assertThat(run("sample", runDir.toString(), "--n", "9", "--seed", "4", "--out", a.toString()).exitCode())
                .isZero();
        assertThat(run("sample", runDir.resolve("checkpoints/iter-0000003.zip").toString(), "--n", "9",
                "--seed", "4", "--out", b.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        Path c = tmp.resolve("c.png");
        run("sample", runDir.toString(), "--n", "9", "--seed", "5", "--out", c.toString());
        assertThat(Files.readAllBytes(c)).isNotEqualTo(Files.readAllBytes(a));
    }

    @Test
    void badConfigExitsTwoNamingFileLineAndKey(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "train:\n  batchSize: 64\n  lernRate: 0.1\n");
        Outcome outcome = run("train", yaml.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(yaml + ":3: train.lernRate").doesNotContain("\tat ");
    }

    @Test
    void missingDataFileIsAConfigError(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("nodata.yaml");
        Files.writeString(yaml, "data:\n  path: /nonexistent/images-idx3-ubyte.gz\n");
        Outcome outcome = run("train", yaml.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(yaml + ":2: data.path").contains("does not exist");
    }

    @Test
    void missingImageFolderSaysHowToFillIt(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("folder.yaml");
        Path images = tmp.resolve("my-images");
        Files.writeString(yaml, "data:\n  source: folder\n  path: " + images + "\n");
        Outcome outcome = run("train", yaml.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(yaml + ":3: data.path: '" + images + "' does not exist; make it and put "
                + "your pictures in it (subfolders are classes), or draw sample pictures with: "
                + "scripts/make-shapes-folder.sh 2000 " + images);
    }

    @Test
    void aBadImageUnderFailExitsOneNamingTheFile(@TempDir Path tmp) throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", images.resolve("good.png").toFile());
        Path bad = Files.writeString(images.resolve("notes.png"), "text");
        Path yaml = tmp.resolve("folder.yaml");
        Files.writeString(yaml, "data: {source: folder, path: " + images + ", imageSize: 8, badFiles: fail}\n");
        Outcome outcome = run("train", yaml.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("error: " + bad + ": not an image: no reader recognises its content")
                .doesNotContain("\tat ");
    }

    @Test
    void missingConfigFileExitsTwo(@TempDir Path tmp) {
        Outcome outcome = run("train", tmp.resolve("nope.yaml").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("nope.yaml").doesNotContain("\tat ");
    }

    @Test
    void sampleFromNothingExitsTwo(@TempDir Path tmp) {
        Outcome outcome = run("sample", tmp.toString(), "--out", tmp.resolve("x.png").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("has no checkpoints");
    }

    @Test
    void unknownCommandAndHelp() {
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        Outcome help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("train").contains("sample").contains("inspect");
    }
}
