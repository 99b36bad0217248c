package dev.jvmgan.backend;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.spectral.SpectralNorm;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spectral normalisation in the built-in DCGAN discriminator as training runs it (float32, batch norm, oneDNN's
 * layer helpers where the backend has them): the layers compute with W_orig / sigma, and the gradient that joins the
 * pending sum is {@link SpectralNorm#backward} of DL4J's own gradient for that weight.
 */
class SpectralNormDcganTest {
    static final ImageShape IMAGE = new ImageShape(1, 8);

    static Model discriminator() {
        NetworkConfig d = new NetworkConfig("dcgan", List.of(4, 8), ActivationConfig.leakyRelu(0.2), true, 0.02);
        return NetworkFactory.create(NetworkRole.DISCRIMINATOR, new ModelConfig(4, d, d), OptimizerConfig.dcganAdam(),
                IMAGE, 11, DataType.FLOAT);
    }

    @Test
    void theLayersComputeWithWOverSigmaAndLearnThroughSpectralNormsBackward() {
        NativeBackend.initialise(); // as a run does, before building: DL4J gives layers their helpers at build time
        Set<String> layers = Set.of("conv1", "conv2", "logit");
        TrainableNetwork normalised = TrainableNetworks.of(discriminator(), layers, 12);
        TrainableNetwork plain = TrainableNetworks.of(discriminator());
        assertThat(plain.params()).isEqualTo(normalised.params());
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8).subi(0.5).muli(2);
        INDArray lossGradient = Nd4j.rand(DataType.FLOAT, 4, 1).subi(0.5);

        INDArray output = normalised.forward(x).dup();
        // During the pass the parameters hold W_SN: give the plain network the same weights.
        plain.parameterTable().forEach((key, p) -> p.assign(normalised.parameterTable().get(key)));
        assertThat(plain.forward(x)).isEqualTo(output);
        normalised.backward(lossGradient);
        plain.backward(lossGradient);

        Map<String, INDArray> chained = normalised.pendingGradients();
        Map<String, INDArray> dl4j = plain.pendingGradients();
        Map<String, SpectralNorm> norms = normalised.spectralNorms();
        assertThat(norms.keySet()).containsExactly("conv1", "conv2", "logit");
        dl4j.forEach((key, g) -> {
            String layer = key.substring(0, key.indexOf('/'));
            INDArray expected = key.endsWith("/W") && layers.contains(layer) ? norms.get(layer).backward(g) : g;
            assertThat(chained.get(key)).as(key).isEqualTo(expected);
        });
        assertThat(normalised.params()).as("W_orig again after the pass").isNotEqualTo(plain.params());
    }
}
