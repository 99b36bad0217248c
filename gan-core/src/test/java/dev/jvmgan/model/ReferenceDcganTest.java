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

    @Test
    void generatorHasThePyTorchParameterCount() {
        long expected = (100 * 6272 + 6272)   // Linear(100, 128*7*7), with bias
                + 2 * 6272                     // BatchNorm1d(6272): weight, bias
                + (128 * 64 * 4 * 4 + 64)      // ConvTranspose2d(128, 64, 4, 2, 1)
                + 2 * 64                       // BatchNorm2d(64)
                + (64 * 1 * 4 * 4 + 1);        // ConvTranspose2d(64, 1, 4, 2, 1)
        assertThat(expected).isEqualTo(778_305);
        assertThat(trainableParams(g)).isEqualTo(expected);
        assertThat(g.numParams()).isEqualTo(expected + 2 * 6272 + 2 * 64);
    }

    @Test
    void discriminatorHasThePyTorchParameterCount() {
        long expected = (1 * 64 * 4 * 4 + 64)  // Conv2d(1, 64, 4, 2, 1)
                + (64 * 128 * 4 * 4 + 128)     // Conv2d(64, 128, 4, 2, 1)
                + 2 * 128                      // BatchNorm2d(128)
                + (128 * 7 * 7 + 1);           // Linear(128*7*7, 1)
        assertThat(expected).isEqualTo(138_817);
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
