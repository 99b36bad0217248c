package dev.jvmgan.backend;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.Precision;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.onednn.OneDnn;
import dev.jvmgan.convolution.OneDnnConvolutions;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seam asks the reference DCGAN's discriminator for the gradients it uses only: its input gradient (for G's step)
 * without its parameter gradients, and on generated images its parameter gradients without dL/dx. What it computes
 * equals the full backward pass's; what it skips is left unwritten (the convolutions' and the dense layer's gradient
 * views keep a sentinel; batch norm still writes its own) or, with the convolutions on the project's oneDNN
 * primitives (float32 or bf16), not run (the primitives are counted).
 */
class PartialBackwardTest {
    private static final ModelConfig DCGAN = new ModelConfig(100,
            new NetworkConfig("dcgan", List.of(128, 64), ActivationConfig.relu(), true, 0.02),
            new NetworkConfig("dcgan", List.of(64, 128), ActivationConfig.leakyRelu(0.2), true, 0.02));
    private static final double SENTINEL = 7;
    private final List<String> primitives = new ArrayList<>();

    @BeforeAll
    static void backend() {
        NativeBackend.initialise();
    }

    @AfterEach
    void stopCounting() {
        OneDnn.timing(null);
    }

    /** D with its convolutions on ND4J's ops ("dl4j") or on the project's primitives at a precision. */
    private static MultiLayerNetwork discriminator(String convolutions) {
        Precision precision = convolutions.equals("dl4j") ? null : Precision.valueOf(convolutions.toUpperCase());
        if (precision != null) {
            assumeTrue(OneDnnConvolutions.unavailable(precision).isEmpty(),
                    () -> OneDnnConvolutions.unavailable(precision).orElse(""));
        }
        MultiLayerNetwork d = NetworkFactory.discriminator(DCGAN, OptimizerConfig.dcganAdam(), new ImageShape(1, 28),
                5, DataType.FLOAT);
        if (precision != null) {
            assertThat(OneDnnConvolutions.install(precision, true, d.getLayers())).isEqualTo(2);
        }
        return d;
    }

    private static INDArray gaussian(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    private void count() {
        primitives.clear();
        OneDnn.timing((kind, nanos) -> primitives.add(kind));
    }

    private long counted(String kind) {
        return primitives.stream().filter(kind::equals).count();
    }

    @ParameterizedTest(name = "convolutions {0}")
    @ValueSource(strings = {"dl4j", "float32", "bf16"})
    void inputGradientIsTheFullPassesWithoutTheConvolutionsWeightGradients(String convolutions) {
        boolean primitives = !convolutions.equals("dl4j");
        MultiLayerNetwork partialNet = discriminator(convolutions);
        MultiLayerNetwork fullNet = discriminator(convolutions);
        assertThat(partialNet.params()).isEqualTo(fullNet.params());
        TrainableNetwork partial = TrainableNetworks.of(partialNet);
        TrainableNetwork full = TrainableNetworks.of(fullNet);
        INDArray x = gaussian(1, 8, 1, 28, 28);
        INDArray dLogits = gaussian(2, 8, 1);

        full.forward(x);
        INDArray expected = full.backward(dLogits).dup();
        partial.forward(x);
        partialNet.initGradientsView();
        partialNet.getGradientsViewArray().assign(SENTINEL);
        count();
        INDArray actual = partial.inputGradient(dLogits);

        assertThat(expected.amaxNumber().doubleValue()).isPositive();
        if (primitives) {
            // The same backward-data primitive as the full pass's: bitwise.
            assertThat(actual).isEqualTo(expected);
            assertThat(counted("convolution backward data")).isEqualTo(2);
            assertThat(counted("convolution backward weights")).isZero();
        } else {
            // oneDNN's backward-data convolution through ND4J's deconv2d instead of conv2d_bp: the same sums.
            double error = actual.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
            assertThat(error).isLessThan(1e-5);
        }
        int skipped = 0;
        for (Layer layer : partialNet.getLayers()) {
            INDArray view = layer.getGradientsViewArray();
            if (view == null || view.length() == 0) {
                continue;
            }
            boolean untouched = view.minNumber().doubleValue() == SENTINEL && view.maxNumber().doubleValue() == SENTINEL;
            if (layer instanceof ConvolutionLayer || layer instanceof DenseLayer) {
                assertThat(untouched).as("layer %d's weight gradients were not computed", layer.getIndex()).isTrue();
                skipped++;
            } else {
                assertThat(untouched).as("layer %d (%s) still computes its own", layer.getIndex(),
                        layer.getClass().getSimpleName()).isFalse();
            }
        }
        assertThat(skipped).as("two convolutions and the dense layer").isEqualTo(3);
    }

    @ParameterizedTest(name = "convolutions {0}")
    @ValueSource(strings = {"dl4j", "float32", "bf16"})
    void backwardParametersGivesTheFullPassesGradients(String convolutions) {
        boolean primitives = !convolutions.equals("dl4j");
        MultiLayerNetwork partialNet = discriminator(convolutions);
        MultiLayerNetwork fullNet = discriminator(convolutions);
        TrainableNetwork partial = TrainableNetworks.of(partialNet);
        TrainableNetwork full = TrainableNetworks.of(fullNet);
        INDArray x = gaussian(3, 8, 1, 28, 28);
        INDArray dLogits = gaussian(4, 8, 1);

        full.forward(x);
        count();
        full.backward(dLogits);
        long fullBackwardData = counted("convolution backward data");
        partial.forward(x);
        count();
        partial.backwardParameters(dLogits);

        Map<String, INDArray> expected = full.pendingGradients();
        Map<String, INDArray> actual = partial.pendingGradients();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, g) -> assertThat(actual.get(key)).as(key).isEqualTo(g));
        assertThat(expected.values()).allSatisfy(g -> assertThat(g.amaxNumber().doubleValue()).isPositive());
        if (primitives) {
            assertThat(fullBackwardData).isEqualTo(2);
            assertThat(counted("convolution backward data")).as("the first convolution's is skipped").isEqualTo(1);
            assertThat(counted("convolution backward weights")).isEqualTo(2);
        }
    }
}
