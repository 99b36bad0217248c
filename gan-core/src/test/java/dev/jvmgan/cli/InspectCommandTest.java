package dev.jvmgan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.cli.GanCliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan inspect}: both networks' tables from a config, config errors as {@code gan train} reports them, and a
 * conditional model's label inputs and label paths.
 */
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

    private static final String CONDITIONAL_CONFIG = Path.of("..", "configs", "fashion-cdcgan-projection.yaml")
            .toString();

    @Test
    void aConditionalConfigShowsTheLabelInputsAndTheLabelPaths() {
        Outcome outcome = GanCliTest.run("inspect", CONDITIONAL_CONFIG);

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        String out = outcome.out();
        assertThat(out).startsWith("conditional on K classes: shown with K = 2, the probe count; training takes K "
                + "from the data's labels").contains("pass --classes K");
        assertThat(out).contains("generator (dcgan): input latents 100, labels 2\n",
                "discriminator (dcgan): input images 1x28x28, labels 2\n");
        String g = out.substring(out.indexOf("generator (dcgan)"), out.indexOf("discriminator (dcgan)"));
        String gPath = g.substring(g.indexOf("  label path: input labels 2 (one-hot)\n"));
        // gain/shift per class and channel: 2 classes x 128 channels of the 7x7 start, no bias.
        assertThat(gPath).containsPattern("gain1 +DenseLayer +labels +6272 +12,544\n")
                .containsPattern("shift2 +DenseLayer +labels +64 +128\n")
                .containsPattern("cbn1 +ClassAffineVertex +bn1,gain1,shift1 +6272 +0 +joins the main path\n")
                .doesNotContain("deconv2", "act1"); // the main path after a join is not the label path
        String d = out.substring(out.indexOf("discriminator (dcgan)"));
        String dPath = d.substring(d.indexOf("  label path: input labels 2 (one-hot)\n"));
        assertThat(dPath).containsPattern("embed +DenseLayer +labels +6272 +12,544\n")
                .containsPattern("projection +ProjectionVertex +logit,features,embed +1 +0 +joins the main path\n")
                .doesNotContain("conv1");
    }

    @Test
    void theConditionalDefaultsDiscriminatorHasAClassHeadOnTheImageFeaturesAlone() {
        Outcome outcome = GanCliTest.run("inspect", Path.of("..", "configs", "fashion-cdcgan.yaml").toString(),
                "--classes", "10");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        String d = outcome.out().substring(outcome.out().indexOf("discriminator (dcgan)"));
        // ACGAN's head: 10 logits from the 6272 image features (weights and biases), beside the projection logit.
        assertThat(d).containsPattern("classes +DenseLayer +features +identity +10 +62,730\n")
                .containsPattern("outputs +MergeVertex +projection,classes +11 +0\n")
                .contains("total: " + String.format(java.util.Locale.ROOT, "%,d", 151_617 + 8 * 6272 + 62_730)
                        + " parameters");
        String labelPath = d.substring(d.indexOf("  label path:"));
        assertThat(labelPath).as("the class logits must not see the label").doesNotContain("classes");
    }

    @Test
    void classesSetsKAndOnlyTheLabelPathGrows() {
        Outcome two = GanCliTest.run("inspect", CONDITIONAL_CONFIG);
        Outcome ten = GanCliTest.run("inspect", CONDITIONAL_CONFIG, "--classes", "10");

        assertThat(ten.exitCode()).as(ten.err()).isZero();
        assertThat(ten.out()).startsWith("conditional on K classes: shown with K = 10 (--classes)")
                .containsPattern("gain1 +DenseLayer +labels +6272 +62,720\n")
                .containsPattern("embed +DenseLayer +labels +6272 +62,720\n");
        // G: 4 class layers of 6272+6272+64+64 units, 8 more classes each; D: the embedding's 6272.
        assertThat(two.out()).contains("total: 803,649 parameters", "total: 151,617 parameters");
        assertThat(ten.out()).contains("total: " + String.format(java.util.Locale.ROOT, "%,d",
                803_649 + 8 * (6272 * 2 + 64 * 2)) + " parameters",
                "total: " + String.format(java.util.Locale.ROOT, "%,d", 151_617 + 8 * 6272) + " parameters");
    }

    @Test
    void aMultiLayerDiscriminatorShowsTheLabelsAppendedAsChannels() {
        Outcome outcome = GanCliTest.run("inspect", CONDITIONAL_CONFIG, "--classes", "10",
                "--set", "model.discriminator.architecture=mlp");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("discriminator (mlp): input 11x28x28\n",
                "  labels: appended to the input, 10 one-hot channels (input 11x28x28)\n");
    }

    @Test
    void classesOfAnUnconditionalOrTooFewIsAUsageError() {
        Outcome unconditional = GanCliTest.run("inspect", DEFAULT_CONFIG, "--classes", "10");
        Outcome one = GanCliTest.run("inspect", CONDITIONAL_CONFIG, "--classes", "1");

        assertThat(unconditional.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(unconditional.err()).contains("--classes 10 is for a conditional model")
                .contains("model.conditional: false").doesNotContain("\tat ");
        assertThat(unconditional.out()).isEmpty();
        assertThat(one.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(one.err()).contains("--classes 1: a conditional model needs at least 2 classes");
    }
}
