package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.config.ModelConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/** The toolkit builds exactly the networks of /work/shared/bench/torch_dcgan.py. */
class ReferenceDcganTest {
    private static final ModelConfig MODEL = Fixtures.referenceDcgan();
    private static final ImageShape MNIST = new ImageShape(1, 28);
    /** BatchNorm running statistics: DL4J counts them as parameters, PyTorch keeps them as buffers. */
    private static final Set<String> RUNNING_STATS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private final MultiLayerNetwork g = NetworkFactory.generator(MODEL, Fixtures.ADAM, MNIST, 1, DataType.FLOAT);
    private final MultiLayerNetwork d = NetworkFactory.discriminator(MODEL, Fixtures.ADAM, MNIST, 1, DataType.FLOAT);

    /** PyTorch's parameter counts of the layers torch_dcgan.py uses, from their definitions (weight, then bias). */
    private static long linear(long in, long out) {
        return in * out + out;
    }

    private static long conv(long in, long out, long kernel) {
        return in * out * kernel * kernel + out;
    }

    private static long batchNorm(long features) {
        return 2 * features;
    }

    @Test
    void generatorHasThePyTorchParameterCount() {
        // From the config, as torch_dcgan.py builds G: Linear(z, 128*7*7), BatchNorm1d, ConvTranspose2d(128, 64, 4,
        // 2, 1), BatchNorm2d, ConvTranspose2d(64, 1, 4, 2, 1).
        long latent = MODEL.latentDim();
        long w0 = MODEL.generator().widths().get(0);
        long w1 = MODEL.generator().widths().get(1);
        long start = MNIST.size() / 4;
        long dense = w0 * start * start;
        long expected = linear(latent, dense) + batchNorm(dense) + conv(w0, w1, 4) + batchNorm(w1)
                + conv(w1, MNIST.channels(), 4);
        assertThat(trainableParams(g)).isEqualTo(expected);
        // DL4J also counts batch norm's running mean and variance, which PyTorch keeps as buffers.
        assertThat(g.numParams()).isEqualTo(expected + batchNorm(dense) + batchNorm(w1));
    }

    @Test
    void discriminatorHasThePyTorchParameterCount() {
        // Conv2d(1, 64, 4, 2, 1), Conv2d(64, 128, 4, 2, 1), BatchNorm2d(128), Linear(128*7*7, 1).
        long w0 = MODEL.discriminator().widths().get(0);
        long w1 = MODEL.discriminator().widths().get(1);
        long end = MNIST.size() / 4;
        long expected = conv(MNIST.channels(), w0, 4) + conv(w0, w1, 4) + batchNorm(w1) + linear(w1 * end * end, 1);
        assertThat(trainableParams(d)).isEqualTo(expected);
    }

    @Test
    void layersAreNamedAndOrderedAsDocumented() {
        assertThat(names(g)).containsExactly("fc1", "bn1", "act1", "deconv2", "bn2", "act2", "deconv3", "out");
        assertThat(names(d)).containsExactly("conv1", "act1", "conv2", "bn2", "act2", "logit");
        assertThat(confs(g)).extracting(c -> (Object) c.getClass()).containsExactly(DenseLayer.class,
                BatchNormalization.class, ActivationLayer.class, Deconvolution2D.class, BatchNormalization.class,
                ActivationLayer.class, Deconvolution2D.class, ActivationLayer.class);
        assertThat(confs(d)).extracting(c -> (Object) c.getClass()).containsExactly(ConvolutionLayer.class,
                ActivationLayer.class, ConvolutionLayer.class, BatchNormalization.class, ActivationLayer.class,
                DenseLayer.class);
    }

    @Test
    void shapesMatchTheReference() {
        assertThat(g.getLayer("fc1").getParam("W").shape()).containsExactly(100, 6272);
        assertThat(g.getLayer("bn1").getParam("gamma").length()).isEqualTo(6272);
        assertThat(((Deconvolution2D) conf(g, "deconv2")).getNOut()).isEqualTo(64);
        assertThat(d.getLayer("logit").getParam("W").shape()).containsExactly(6272, 1);
        for (String name : new String[] {"deconv2", "deconv3"}) {
            assertKernel4Stride2Pad1((ConvolutionLayer) conf(g, name));
        }
        for (String name : new String[] {"conv1", "conv2"}) {
            assertKernel4Stride2Pad1((ConvolutionLayer) conf(d, name));
        }
        var z = Fixtures.gaussian(DataType.FLOAT, 3, 2, 100);
        assertThat(g.output(z, false).shape()).containsExactly(2, 1, 28, 28);
        assertThat(d.output(g.output(z, false), false).shape()).containsExactly(2, 1);
    }

    @Test
    void activations() {
        for (String name : new String[] {"act1", "act2"}) {
            assertThat(activation(d, name)).isInstanceOfSatisfying(ActivationLReLU.class,
                    a -> assertThat(a.getAlpha()).isEqualTo(0.2));
            assertThat(activation(g, name)).isInstanceOf(ActivationReLU.class);
        }
        assertThat(activation(g, "out")).isInstanceOf(ActivationTanH.class);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {g, d}) {
            for (org.deeplearning4j.nn.conf.layers.Layer c : confs(net)) {
                if (!(c instanceof ActivationLayer)) {
                    assertThat(((BaseLayer) c).getActivationFn()).as(c.getLayerName())
                            .isInstanceOf(ActivationIdentity.class);
                }
            }
        }
    }

    @Test
    void trainingSettings() {
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {g, d}) {
            assertThat(net.params().dataType()).isEqualTo(DataType.FLOAT);
            for (org.deeplearning4j.nn.conf.layers.Layer c : confs(net)) {
                assertThat(c).isNotInstanceOfAny(BaseOutputLayer.class, LossLayer.class);
                if (c instanceof BaseLayer layer && !(c instanceof ActivationLayer)) {
                    assertThat(layer.getIUpdater()).as(c.getLayerName()).isEqualTo(new Adam(2e-4, 0.5, 0.999, 1e-8));
                    assertThat(layer.getRegularization()).isEmpty();
                    assertThat(layer.getRegularizationBias()).isEmpty();
                    assertThat(layer.getGradientNormalization()).isEqualTo(GradientNormalization.None);
                }
            }
        }
    }

    private static void assertKernel4Stride2Pad1(ConvolutionLayer c) {
        assertThat(c.getKernelSize()).containsExactly(4, 4);
        assertThat(c.getStride()).containsExactly(2, 2);
        assertThat(c.getPadding()).containsExactly(1, 1);
        assertThat(c.getConvolutionMode()).isEqualTo(ConvolutionMode.Truncate);
        assertThat(c.hasBias()).isTrue();
    }

    static long trainableParams(MultiLayerNetwork net) {
        long n = 0;
        for (Layer layer : net.getLayers()) {
            for (Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> p : layer.paramTable().entrySet()) {
                if (!(layer.conf().getLayer() instanceof BatchNormalization && RUNNING_STATS.contains(p.getKey()))) {
                    n += p.getValue().length();
                }
            }
        }
        return n;
    }

    static java.util.List<String> names(MultiLayerNetwork net) {
        return confs(net).stream().map(org.deeplearning4j.nn.conf.layers.Layer::getLayerName).toList();
    }

    static java.util.List<org.deeplearning4j.nn.conf.layers.Layer> confs(MultiLayerNetwork net) {
        return Arrays.stream(net.getLayers()).map(l -> l.conf().getLayer()).toList();
    }

    static org.deeplearning4j.nn.conf.layers.Layer conf(MultiLayerNetwork net, String name) {
        return net.getLayer(name).conf().getLayer();
    }

    static org.nd4j.linalg.activations.IActivation activation(MultiLayerNetwork net, String name) {
        return ((ActivationLayer) conf(net, name)).getActivationFn();
    }
}
