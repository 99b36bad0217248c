package dev.jvmgan.precision;

import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Layers switched to bf16 behind the training seam compute what the float32 layers compute, to bf16's precision:
 * outputs, input gradients and parameter gradients within 1% of their scale.
 */
class MixedPrecisionTest {
    @BeforeAll
    static void backend() {
        NativeBackend.initialise();
        assumeTrue(MixedPrecision.unavailable().isEmpty(), () -> MixedPrecision.unavailable().orElse(""));
    }

    private static MultiLayerNetwork single(boolean transposed, boolean bias) {
        org.deeplearning4j.nn.conf.layers.Layer layer = transposed
                ? new Deconvolution2D.Builder().kernelSize(4, 4).stride(2, 2).padding(1, 1).nOut(16).hasBias(bias)
                        .activation(Activation.IDENTITY).build()
                : new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(16).hasBias(bias)
                        .activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NCHW).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Sgd(0.1)).list().layer(layer)
                .setInputType(InputType.convolutional(8, 8, 32, CNN2DFormat.NCHW)).build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "transposed {0}")
    @ValueSource(booleans = {false, true})
    void switchedLayersAgreeWithFloat32ToBf16Precision(boolean transposed) {
        MultiLayerNetwork reference = single(transposed, true);
        MultiLayerNetwork mixed = single(transposed, true);
        assertThat(MixedPrecision.install(true, mixed.getLayers())).isEqualTo(1);
        assertThat(MixedPrecision.switched(mixed.getLayer(0))).isTrue();
        TrainableNetwork f32 = TrainableNetworks.of(reference);
        TrainableNetwork bf16 = TrainableNetworks.of(mixed);
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 32, 8, 8);
        INDArray yRef = f32.forward(x).dup();
        INDArray y = bf16.forward(x).dup();
        assertClose("y", y, yRef);
        INDArray dy = Nd4j.randn(DataType.FLOAT, yRef.shape());
        INDArray dxRef = f32.backward(dy).dup();
        INDArray dx = bf16.backward(dy).dup();
        assertClose("dL/dx", dx, dxRef);
        Map<String, INDArray> gRef = f32.pendingGradients();
        Map<String, INDArray> g = bf16.pendingGradients();
        assertThat(g.keySet()).isEqualTo(gRef.keySet());
        gRef.forEach((name, expected) -> assertClose(name, g.get(name), expected));
    }

    private static void assertClose(String what, INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length());
        double error = actual.sub(expected).norm2Number().doubleValue() / Math.sqrt(expected.length());
        assertThat(error).as("%s: rms error against rms %s", what, scale).isLessThan(0.01 * scale);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as(what).isGreaterThan(0.0);
    }
}
