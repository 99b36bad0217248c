package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.RunConfig;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Which layers {@code spectralNorm: true} normalises in the built-in networks, and what a plug-in's own choice of
 * layers ({@link Architecture#spectralNormLayers}) adds or is refused for.
 */
class SpectralNormLayersTest {

    private static Set<String> layers(RunConfig config, NetworkRole role) {
        ImageShape image = new ImageShape(config.data().channels(), config.data().imageSize());
        var optimizer = role == NetworkRole.GENERATOR ? config.train().g() : config.train().d();
        Model network = NetworkFactory.create(role, config.model(), optimizer, image, 7, DataType.FLOAT);
        return NetworkFactory.spectralNormLayers(role, config.model(), optimizer, image, 7, network);
    }

    private static RunConfig spectral(ModelConfig model, boolean g, boolean d) {
        return Fixtures.run(new ModelConfig(model.latentDim(), model.generator().withSpectralNorm(g),
                model.discriminator().withSpectralNorm(d)), 28);
    }

    @Test
    void spectralNormTrueNormalisesEveryDenseAndDeconvolutionLayerOfTheDcganGeneratorAndNothingElse() {
        RunConfig config = spectral(Fixtures.referenceDcgan(), true, false);
        assertThat(layers(config, NetworkRole.GENERATOR)).containsExactly("fc1", "deconv2", "deconv3");
        assertThat(layers(config, NetworkRole.DISCRIMINATOR)).isEmpty();
    }

    @Test
    void spectralNormTrueNormalisesEveryConvolutionAndTheLogitOfTheDcganDiscriminator() {
        RunConfig config = spectral(Fixtures.referenceDcgan(), false, true);
        assertThat(layers(config, NetworkRole.DISCRIMINATOR)).containsExactly("conv1", "conv2", "logit");
        assertThat(layers(config, NetworkRole.GENERATOR)).isEmpty();
    }

    @Test
    void mlpNetworksNormaliseEveryDenseLayer() {
        RunConfig config = spectral(Fixtures.tiny("mlp", ActivationConfig.relu()), true, true);
        assertThat(layers(config, NetworkRole.GENERATOR)).containsExactly("fc1", "fc2", "fc3");
        assertThat(layers(config, NetworkRole.DISCRIMINATOR)).containsExactly("fc1", "fc2", "logit");
    }

    private static RunConfig plugin(String spectral, boolean spectralNorm) {
        return ConfigLoader.parse("""
                data: {imageSize: 8}
                model:
                  latentDim: 4
                  generator: {widths: [4]}
                  discriminator: {architecture: tiny-residual, spectralNorm: %s, params: {spectral: "%s"}}
                """.formatted(spectralNorm, spectral), "t.yaml", "t", List.of(), List.of(NetworkFactory.rule()));
    }

    @Test
    void aPluginChoosesSomeOfItsLayersAndSpectralNormTrueStillMeansAll() {
        assertThat(layers(plugin("conv2", false), NetworkRole.DISCRIMINATOR)).containsExactly("conv2");
        assertThat(layers(plugin("conv2,conv1", false), NetworkRole.DISCRIMINATOR)).as("network order")
                .containsExactly("conv1", "conv2");
        assertThat(layers(plugin("", false), NetworkRole.DISCRIMINATOR)).isEmpty();
        assertThat(layers(plugin("conv2", true), NetworkRole.DISCRIMINATOR))
                .containsExactly("conv1", "conv2", "logit");
    }

    @Test
    void aPluginsLayerThatIsMissingOrHasNoWeightToNormaliseIsNamed() {
        assertThatThrownBy(() -> layers(plugin("conv9", false), NetworkRole.DISCRIMINATOR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model.discriminator.architecture: tiny-residual asks for spectral normalisation of a "
                        + "layer it did not build as such: the network has no layer 'conv9'; spectral normalisation "
                        + "applies to its layers conv1, conv2, logit");
        assertThatThrownBy(() -> layers(plugin("act1", true), NetworkRole.DISCRIMINATOR))
                .hasMessageEndingWith("layer 'act1' is of type ActivationLayer; spectral normalisation applies to "
                        + "DenseLayer, ConvolutionLayer and Deconvolution2D weights");
    }
}
