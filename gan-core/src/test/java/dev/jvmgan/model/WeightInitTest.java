package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Weights N(0, initStd), biases 0, batch norm gamma 1 beta 0; one seed, one set of parameters. */
class WeightInitTest {
    private static final ImageShape MNIST = new ImageShape(1, 28);

    @Test
    void largeWeightMatricesHaveTheConfiguredStd() {
        MultiLayerNetwork g = NetworkFactory.generator(Fixtures.referenceDcgan(), Fixtures.ADAM, MNIST, 3,
                DataType.FLOAT);
        MultiLayerNetwork d = NetworkFactory.discriminator(Fixtures.referenceDcgan(), Fixtures.ADAM, MNIST, 3,
                DataType.FLOAT);
        // 627,200 and 131,072 draws: the sample std is within ~0.2% of 0.02; 2% leaves room.
        assertNormal(g.getLayer("fc1").getParam("W"), 0.02);
        assertNormal(g.getLayer("deconv2").getParam("W"), 0.02);
        assertNormal(d.getLayer("conv2").getParam("W"), 0.02);

        ModelConfig wide = new ModelConfig(64,
                new NetworkConfig("mlp", List.of(2048), ActivationConfig.relu(), false, 0.05),
                new NetworkConfig("mlp", List.of(512), ActivationConfig.leakyRelu(0.2), false, 0.1));
        assertNormal(NetworkFactory.generator(wide, Fixtures.ADAM, MNIST, 3, DataType.FLOAT)
                .getLayer("fc2").getParam("W"), 0.05);
        assertNormal(NetworkFactory.discriminator(wide, Fixtures.ADAM, MNIST, 3, DataType.FLOAT)
                .getLayer("fc1").getParam("W"), 0.1);
    }

    @Test
    void biasesAndBatchNormStartNeutral() {
        for (MultiLayerNetwork net : List.of(
                NetworkFactory.generator(Fixtures.referenceDcgan(), Fixtures.ADAM, MNIST, 3, DataType.FLOAT),
                NetworkFactory.discriminator(Fixtures.referenceDcgan(), Fixtures.ADAM, MNIST, 3, DataType.FLOAT))) {
            int biases = 0;
            for (Layer layer : net.getLayers()) {
                for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                    String name = layer.conf().getLayer().getLayerName() + "." + p.getKey();
                    if (p.getKey().equals("b") || p.getKey().equals("beta")) {
                        biases++;
                        assertConstant(name, p.getValue(), 0);
                    } else if (p.getKey().equals("gamma")) {
                        assertConstant(name, p.getValue(), 1);
                    }
                }
                if (layer.conf().getLayer() instanceof BatchNormalization) {
                    assertThat(layer.paramTable()).containsKeys("gamma", "beta");
                }
            }
            assertThat(biases).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void oneSeedGivesIdenticalParameters() {
        for (String architecture : List.of("dcgan", "mlp")) {
            ModelConfig model = Fixtures.tiny(architecture, ActivationConfig.leakyRelu(0.2));
            ImageShape image = new ImageShape(3, 16);
            MultiLayerNetwork g1 = NetworkFactory.generator(model, Fixtures.ADAM, image, 11, DataType.FLOAT);
            MultiLayerNetwork g2 = NetworkFactory.generator(model, Fixtures.ADAM, image, 11, DataType.FLOAT);
            MultiLayerNetwork g3 = NetworkFactory.generator(model, Fixtures.ADAM, image, 12, DataType.FLOAT);
            MultiLayerNetwork d1 = NetworkFactory.discriminator(model, Fixtures.ADAM, image, 11, DataType.FLOAT);
            MultiLayerNetwork d2 = NetworkFactory.discriminator(model, Fixtures.ADAM, image, 11, DataType.FLOAT);
            assertThat(g2.params()).isEqualTo(g1.params());
            assertThat(d2.params()).isEqualTo(d1.params());
            assertThat(g3.params()).isNotEqualTo(g1.params());
            INDArray z = Fixtures.gaussian(DataType.FLOAT, 4, 2, model.latentDim());
            assertThat(g2.output(z, false)).isEqualTo(g1.output(z, false));
        }
    }

    private static void assertNormal(INDArray weights, double std) {
        assertThat(weights.length()).isGreaterThan(100_000);
        assertThat(weights.meanNumber().doubleValue()).isCloseTo(0, within(0.01 * std));
        assertThat(weights.stdNumber().doubleValue()).isCloseTo(std, within(0.02 * std));
    }

    private static void assertConstant(String name, INDArray values, double expected) {
        assertThat(values.minNumber().doubleValue()).as(name).isEqualTo(expected);
        assertThat(values.maxNumber().doubleValue()).as(name).isEqualTo(expected);
    }
}
