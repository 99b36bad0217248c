package dev.jvmgan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.cli.GanCliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan inspect}: both networks' tables from a config, config errors as {@code gan train} reports them. */
class InspectCommandTest {
    // Surefire runs in gan-core/; the configs live at the repository root.
    private static final String DEFAULT_CONFIG = Path.of("..", "configs", "fashion-dcgan.yaml").toString();

    @Test
    void printsBothNetworksOfTheDefaultConfig() {
        Outcome outcome = GanCliTest.run("inspect", DEFAULT_CONFIG);

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        String out = outcome.out();
        assertThat(out).contains("generator (dcgan): input 100\n", "discriminator (dcgan): input 1x28x28\n");
        assertThat(out.indexOf("generator (dcgan)")).isLessThan(out.indexOf("discriminator (dcgan)"));
        assertThat(out).containsPattern("deconv3 +Deconvolution2D +identity +1x28x28 +1,025\n")
                .containsPattern("out +ActivationLayer +tanh +1x28x28 +0\n")
                .containsPattern("conv1 +ConvolutionLayer +identity +64x14x14 +1,088\n")
                .containsPattern("act2 +ActivationLayer +leakyrelu\\(alpha=0.2\\) +128x7x7 +0\n")
                .contains("total: 790,977 parameters", "total: 139,073 parameters");
    }

    @Test
    void overridesShowUp() {
        Outcome outcome = GanCliTest.run("inspect", DEFAULT_CONFIG,
                "--set", "model.discriminator.activation.type=prelu");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("act1 +PReluLayer +prelu\\(64 learned slopes\\) +64x14x14 +64\n")
                .containsPattern("act2 +PReluLayer +prelu\\(128 learned slopes\\) +128x7x7 +128\n")
                .containsPattern("act1 +ActivationLayer +relu +6272"); // the generator keeps its ReLU
    }

    @Test
    void aDataPathNotMadeYetIsAWarningSinceInspectReadsNoData(@TempDir Path tmp) {
        Outcome outcome = GanCliTest.run("inspect", Path.of("..", "configs", "folder-dcgan-64.yaml").toString(),
                "--set", "data.path=" + tmp.resolve("my-images"));

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("warning: --set: data.path: '" + tmp.resolve("my-images")
                + "' does not exist").contains("inspect reads no data; train will refuse this");
        assertThat(outcome.out()).contains("discriminator (dcgan): input 3x64x64\n");

        Outcome train = GanCliTest.run("train", Path.of("..", "configs", "folder-dcgan-64.yaml").toString(),
                "--set", "data.path=" + tmp.resolve("my-images"));
        assertThat(train.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(train.err()).contains("data.path").contains("does not exist");
    }

    @Test
    void badConfigExitsTwoNamingFileLineAndKey(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "model:\n  latentDim: 16\n  latnetDim: 8\n");

        Outcome outcome = GanCliTest.run("inspect", yaml.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(yaml + ":3: model.latnetDim").doesNotContain("\tat ");
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void showsAUserGraphArchitectureFoundByName(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("custom.yaml");
        Files.writeString(yaml, """
                model:
                  generator: {architecture: tiny-dense, params: {hidden: 16}}
                  discriminator: {architecture: tiny-residual}
                """);

        Outcome outcome = GanCliTest.run("inspect", yaml.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("generator (tiny-dense): input 100", "discriminator (tiny-residual)")
                .containsPattern("fc2 +DenseLayer +identity +784 ")
                .containsPattern("residual +ElementWiseVertex +act1,act2 ");
    }

    @Test
    void aShapeMismatchIsAConfigError(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("mismatch.yaml");
        Files.writeString(yaml, """
                model:
                  generator:
                    architecture: tiny-dense
                    params: {side: 14}
                """);

        Outcome outcome = GanCliTest.run("inspect", yaml.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(yaml + ":3: model.generator.architecture: tiny-dense makes images of "
                + "shape 196 per sample").doesNotContain("\tat ");
    }
}
