package dev.jvmgan.cli;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.run.TinyRuns;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume through the entry point a user runs, each step a fresh JVM as {@code ./gan} is: 3 iterations, then
 * {@code --resume --iterations 6}, must equal 6 straight bitwise (both networks' parameters and Adam state, every
 * resumable state), with oneDNN's helpers on in the resumed process. In one JVM the helpers' switch is already set
 * by earlier tests, so only a fresh process shows whether a checkpoint's networks are built after it.
 */
class ResumeInChildJvmTest {
    private static final long TIMEOUT_MS = 120_000;

    private static Path config(Path tmp) throws IOException {
        return config(tmp, "");
    }

    /** @param algorithm more keys of {@code train:}, in flow style, each after a comma */
    private static Path config(Path tmp, String algorithm) throws IOException {
        Path images = TinyRuns.idxImages(tmp, 48, 41);
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, String.join("\n",
                "data:", "  path: " + images, "  imageSize: 8",
                "model:", "  latentDim: 4",
                "  generator: {widths: [16, 8]}", "  discriminator: {widths: [8, 16]}",
                "train: {iterations: 6, batchSize: 8, seed: 5" + algorithm + "}",
                "output: {runsRoot: " + tmp.resolve("runs") + ", logEvery: 1, sampleEvery: 1000, "
                        + "checkpointEvery: 1000}",
                "monitors: {every: 2, chartEvery: 1000}", ""));
        return yaml;
    }

    private static String gan(Path log, String... args) throws Exception {
        Process child = ChildProcessTrainingTest.start(log, args);
        assertThat(child.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)).as("gan %s finished", List.of(args)).isTrue();
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void resumedRunEqualsTheUninterruptedOneBitwiseWithTheHelpersOn(@TempDir Path tmp) throws Exception {
        Path yaml = config(tmp);
        Path interrupted = tmp.resolve("runs/00000-tiny");
        Path straight = tmp.resolve("runs/00001-tiny");
        String first = gan(tmp.resolve("first.log"), "train", yaml.toString(), "--iterations", "3");
        String resumed = gan(tmp.resolve("resumed.log"), "train", "--resume", interrupted.toString(),
                "--iterations", "6");
        String uninterrupted = gan(tmp.resolve("straight.log"), "train", yaml.toString());

        for (String output : List.of(first, resumed, uninterrupted)) {
            assertThat(output).containsPattern("native layer helpers: G\\[[^\\]]*OneDnnBatchNormHelper")
                    .containsPattern("G\\[[^\\]]*deconv2=OneDnnConvolutionHelper")
                    .containsPattern("D\\[[^\\]]*conv1=OneDnnConvolutionHelper").doesNotContain("[none]");
        }
        assertThat(resumed).contains("resuming " + interrupted + " at iteration 3")
                .contains("schedule changed on resume: train.iterations: 3 -> 6");

        Checkpoint a = Checkpoint.read(Checkpoints.file(interrupted, 6), true);
        Checkpoint b = Checkpoint.read(Checkpoints.file(straight, 6), true);
        for (String role : List.of("generator", "discriminator")) {
            MultiLayerNetwork x = (MultiLayerNetwork) (role.equals("generator") ? a.generator() : a.discriminator());
            MultiLayerNetwork y = (MultiLayerNetwork) (role.equals("generator") ? b.generator() : b.discriminator());
            assertThat(x.params()).as(role + " parameters").isEqualTo(y.params());
            assertThat(x.getUpdater().getStateViewArray()).as(role + " Adam state")
                    .isEqualTo(y.getUpdater().getStateViewArray());
        }
        assertThat(a.state().iteration()).isEqualTo(6);
        assertThat(a.state().imagesSeen()).isEqualTo(b.state().imagesSeen());
        assertThat(a.resumeState().keySet()).containsExactlyInAnyOrderElementsOf(b.resumeState().keySet());
        for (String part : List.of("data", "latents", "nd4jRandom")) {
            assertThat(a.resumeState().get(part)).as(part).isEqualTo(b.resumeState().get(part));
        }
    }

    /**
     * The same with every random part of the algorithm on, and lazy R1 every 2 D steps, so a {@code Dreg} falls on
     * each side of the stop: DiffAugment's, instance noise's streams and the phases' schedule must resume exactly.
     */
    @Test
    void resumedRunWithAugmentationNoiseAndLazyR1EqualsTheUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path yaml = config(tmp, ", loss: {type: ns, realLabel: 0.9}, penalty: {type: r1, gamma: 0.5, every: 2}, "
                + "augment: [color, translation, cutout], instanceNoise: {sigma: 0.2, annealIterations: 5}");
        Path interrupted = tmp.resolve("runs/00000-tiny");
        Path straight = tmp.resolve("runs/00001-tiny");
        gan(tmp.resolve("first.log"), "train", yaml.toString(), "--iterations", "3");
        String resumed = gan(tmp.resolve("resumed.log"), "train", "--resume", interrupted.toString(),
                "--iterations", "6");
        String uninterrupted = gan(tmp.resolve("straight.log"), "train", yaml.toString());
        assertThat(uninterrupted).contains("phases: Dmain/1, Dreg/2, Gmain/1");
        assertThat(resumed).contains("resuming " + interrupted + " at iteration 3");

        Checkpoint a = Checkpoint.read(Checkpoints.file(interrupted, 6), true);
        Checkpoint b = Checkpoint.read(Checkpoints.file(straight, 6), true);
        for (String role : List.of("generator", "discriminator")) {
            MultiLayerNetwork x = (MultiLayerNetwork) (role.equals("generator") ? a.generator() : a.discriminator());
            MultiLayerNetwork y = (MultiLayerNetwork) (role.equals("generator") ? b.generator() : b.discriminator());
            assertThat(x.params()).as(role + " parameters").isEqualTo(y.params());
            assertThat(x.getUpdater().getStateViewArray()).as(role + " Adam state")
                    .isEqualTo(y.getUpdater().getStateViewArray());
        }
        assertThat(a.resumeState().keySet()).contains("diffAugment", "instanceNoise");
        assertThat(a.resumeState()).isEqualTo(b.resumeState());
        assertThat(((MultiLayerNetwork) a.discriminator()).getIterationCount()).as("6 Dmain, 3 Dreg").isEqualTo(9);
    }

    @Test
    void everyCommandThatLoadsACheckpointGetsTheHelpers(@TempDir Path tmp) throws Exception {
        Path yaml = config(tmp);
        gan(tmp.resolve("train.log"), "train", yaml.toString(), "--iterations", "1");
        Path checkpoint = Checkpoints.file(tmp.resolve("runs/00000-tiny"), 1);

        // gan sample, gan train --resume and any later reader share Checkpoint.read; a fresh JVM shows its order.
        Path log = tmp.resolve("probe.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HelpersProbe.class.getName(), checkpoint.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(probe.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("G bn1=MKLDNNBatchNormHelper").contains("D conv1=MKLDNNConvHelper");

        String sampled = gan(tmp.resolve("sample.log"), "sample", checkpoint.toString(), "--out",
                tmp.resolve("grid.png").toString(), "--n", "4");
        assertThat(tmp.resolve("grid.png")).isNotEmptyFile();
        assertThat(sampled).doesNotContain("Exception");
    }

    /** Reads a checkpoint in a fresh JVM and prints which layers got a native helper. */
    public static final class HelpersProbe {
        public static void main(String[] args) throws Exception {
            Checkpoint checkpoint = Checkpoint.read(Path.of(args[0]), false);
            for (String role : List.of("G", "D")) {
                MultiLayerNetwork net = (MultiLayerNetwork) (role.equals("G") ? checkpoint.generator()
                        : checkpoint.discriminator());
                List<String> helpers = new ArrayList<>();
                for (Layer layer : net.getLayers()) {
                    if (layer.getHelper() != null) {
                        helpers.add(layer.conf().getLayer().getLayerName() + "="
                                + layer.getHelper().getClass().getSimpleName());
                    }
                }
                System.out.println(role + " " + String.join(" ", helpers));
            }
        }
    }
}
