package dev.jvmgan.convolution;

import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.config.Precision;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Layers switched to the project's oneDNN primitives behind the training seam compute what DL4J's layers compute:
 * outputs, input gradients and parameter gradients in float32 to float32 rounding (1e-5 of their scale; another
 * kernel may sum in another order), in bf16 to bf16's precision (within 1% of their scale).
 */
class OneDnnConvolutionsTest {
    @BeforeAll
    static void backend() {
        NativeBackend.initialise();
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

    @ParameterizedTest(name = "{0}, transposed {1}")
    @CsvSource({"FLOAT32, false", "FLOAT32, true", "BF16, false", "BF16, true"})
    void switchedLayersAgreeWithDl4jsToTheirPrecision(Precision precision, boolean transposed) {
        assumeTrue(OneDnnConvolutions.unavailable(precision).isEmpty(),
                () -> OneDnnConvolutions.unavailable(precision).orElse(""));
        MultiLayerNetwork reference = single(transposed, true);
        MultiLayerNetwork switched = single(transposed, true);
        assertThat(OneDnnConvolutions.install(precision, true, switched.getLayers())).isEqualTo(1);
        assertThat(OneDnnConvolutions.switched(switched.getLayer(0))).isTrue();
        assertThat(OneDnnConvolutions.switched(reference.getLayer(0))).isFalse();
        TrainableNetwork dl4j = TrainableNetworks.of(reference);
        TrainableNetwork primitives = TrainableNetworks.of(switched);
        double tolerance = precision == Precision.BF16 ? 0.01 : 1e-5;
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 32, 8, 8);
        INDArray yRef = dl4j.forward(x).dup();
        INDArray y = primitives.forward(x).dup();
        assertClose("y", y, yRef, tolerance);
        if (precision == Precision.BF16) {
            assertThat(y.sub(yRef).amaxNumber().doubleValue()).as("bf16 rounding shows").isGreaterThan(0.0);
        }
        INDArray dy = Nd4j.randn(DataType.FLOAT, yRef.shape());
        INDArray dxRef = dl4j.backward(dy).dup();
        INDArray dx = primitives.backward(dy).dup();
        assertClose("dL/dx", dx, dxRef, tolerance);
        Map<String, INDArray> gRef = dl4j.pendingGradients();
        Map<String, INDArray> g = primitives.pendingGradients();
        assertThat(g.keySet()).isEqualTo(gRef.keySet());
        gRef.forEach((name, expected) -> assertClose(name, g.get(name), expected, tolerance));
    }

    private static void assertClose(String what, INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length());
        double error = actual.sub(expected).norm2Number().doubleValue() / Math.sqrt(expected.length());
        assertThat(scale).as(what).isPositive();
        assertThat(error).as("%s: rms error against rms %s", what, scale).isLessThan(tolerance * scale);
    }
}
