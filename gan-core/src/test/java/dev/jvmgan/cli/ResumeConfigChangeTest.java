package dev.jvmgan.cli;

import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.run.TinyRuns;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.jvmgan.cli.GanCliTest.run;
import static dev.jvmgan.cli.GanCliTest.tinyYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gan train --resume RUN --set ... --allow-config-change}: an allowed optimiser change reaches the networks
 * read from the checkpoint (they carry the optimiser they were saved with), and a change of the networks themselves,
 * which could not take effect, is refused.
 */
class ResumeConfigChangeTest {

    @Test
    void aChangedLearningRateAndBetaTakeEffectOnResume(@TempDir Path tmp) throws Exception {
        Path same = twoIterations(tmp, 31);
        Path changed = copy(same, tmp.resolve("changed"));

        GanCliTest.Outcome a = run("train", "--resume", same.toString(), "--iterations", "3");
        GanCliTest.Outcome b = run("train", "--resume", changed.toString(), "--iterations", "3",
                "--set", "train.d.lr=1.0e-4", "--set", "train.g.beta1=0.9", "--allow-config-change");

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        Checkpoint start = Checkpoint.read(Checkpoints.file(same, 2), true);
        Checkpoint kept = Checkpoint.read(Checkpoints.file(same, 3), true);
        Checkpoint moved = Checkpoint.read(Checkpoints.file(changed, 3), true);
        assertThat(TrainableNetworks.of(moved.discriminator()).learningRates().values()).isNotEmpty()
                .allSatisfy(lr -> assertThat(lr).isEqualTo(1e-4));
        assertThat(TrainableNetworks.of(moved.generator()).learningRates().values()).isNotEmpty()
                .allSatisfy(lr -> assertThat(lr).isEqualTo(2e-4));
        assertThat(adams(moved.generator())).isNotEmpty()
                .allSatisfy(adam -> assertThat(adam.getBeta1()).isEqualTo(0.9));
        assertThat(adams(moved.discriminator())).isNotEmpty()
                .allSatisfy(adam -> assertThat(adam.getBeta1()).isEqualTo(0.5));
        assertThat(adams(kept.generator())).isNotEmpty()
                .allSatisfy(adam -> assertThat(adam.getBeta1()).isEqualTo(0.5));
        // D steps first in iteration 3, from the same networks on the same batch, so with the same gradient and Adam
        // moments: Adam's step is proportional to the learning rate, and half the lr moves every weight half as far.
        Map<String, INDArray> before = weights(start.discriminator());
        Map<String, INDArray> full = weights(kept.discriminator());
        Map<String, INDArray> half = weights(moved.discriminator());
        assertThat(before).isNotEmpty();
        for (String key : before.keySet()) {
            INDArray fullStep = full.get(key).sub(before.get(key));
            INDArray halfStep = half.get(key).sub(before.get(key));
            double largest = fullStep.amaxNumber().doubleValue();
            assertThat(largest).as(key).isGreaterThan(0);
            assertThat(halfStep.sub(fullStep.mul(0.5)).amaxNumber().doubleValue()).as(key)
                    .isLessThan(1e-3 * largest);
        }
        assertThat(Files.readString(changed.resolve("metrics.jsonl")))
                .contains("{\"key\":\"train.d.lr\",\"before\":\"2.0E-4\",\"after\":\"1.0E-4\"}");
    }

    @Test
    void aChangedNetworkIsRefusedEvenWhenChangesAreAllowed(@TempDir Path tmp) throws Exception {
        Path runDir = twoIterations(tmp, 32);
        byte[] metrics = Files.readAllBytes(runDir.resolve("metrics.jsonl"));

        GanCliTest.Outcome refused = run("train", "--resume", runDir.toString(), "--iterations", "4",
                "--set", "model.latentDim=5", "--set", "model.discriminator.widths=[4, 4]", "--set",
                "train.d.lr=1.0e-4", "--allow-config-change");

        assertThat(refused.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(refused.err()).contains("cannot resume " + runDir + " with a different network")
                .contains("  model.latentDim: 4 -> 5").contains("  model.discriminator.widths: [4,8] -> [4,4]")
                .doesNotContain("train.d.lr").contains("start a new run").doesNotContain("\tat ");
        assertThat(Checkpoints.latest(runDir)).contains(Checkpoints.file(runDir, 2));
        assertThat(Files.readAllBytes(runDir.resolve("metrics.jsonl"))).isEqualTo(metrics);

        GanCliTest.Outcome spectral = run("train", "--resume", runDir.toString(), "--iterations", "3",
                "--set", "model.discriminator.spectralNorm=true", "--allow-config-change");
        assertThat(spectral.exitCode()).as(spectral.err()).isZero();
    }

    /** A tiny DCGAN run of 2 iterations, checkpointed at 2, in {@code tmp/runs/00000-tiny}. */
    private static Path twoIterations(Path tmp, int imageSeed) throws IOException {
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, tinyYaml(TinyRuns.idxImages(tmp, 16, imageSeed), tmp.resolve("runs")));
        assertThat(run("train", yaml.toString(), "--iterations", "2").exitCode()).isZero();
        return tmp.resolve("runs/00000-tiny");
    }

    private static List<Adam> adams(Model model) {
        return Stream.of(((MultiLayerNetwork) model).getLayers())
                .filter(layer -> layer.numParams() > 0 && layer.conf().getLayer() instanceof BaseLayer)
                .map(layer -> ((BaseLayer) layer.conf().getLayer()).getIUpdater())
                .filter(Adam.class::isInstance).map(Adam.class::cast).toList();
    }

    /** The weights (not biases, not batch norm's statistics, which no optimiser moves) by parameter key. */
    private static Map<String, INDArray> weights(Model model) {
        Map<String, INDArray> weights = new java.util.TreeMap<>();
        model.paramTable().forEach((key, value) -> {
            if (key.endsWith("_W")) {
                weights.put(key, value.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
            }
        });
        return weights;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
