package dev.jvmgan.fastops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dense layer's backward pass without DL4J's recomputation: its bits, only what is asked for. */
class DenseBackwardTest {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
    private static final double SENTINEL = 7;

    @Test
    void theFullPassIsBitwiseDl4jsWithAndWithoutBias() {
        for (boolean bias : new boolean[]{true, false}) {
            Layer expectedLayer = dense(bias, Activation.IDENTITY, 0);
            Layer layer = dense(bias, Activation.IDENTITY, 0);
            assertThat(DenseBackward.handles(layer)).isTrue();
            INDArray x = gaussian(1, 16, 37);
            INDArray g = gaussian(2, 16, 23);
            expectedLayer.activate(x, true, NO_WORKSPACES);
            Pair<Gradient, INDArray> expected = expectedLayer.backpropGradient(g, NO_WORKSPACES);
            layer.activate(x, true, NO_WORKSPACES);
            Pair<Gradient, INDArray> actual = DenseBackward.backprop(layer, g, NO_WORKSPACES, Wanted.ALL);

            assertThat(actual.getSecond()).isEqualTo(expected.getSecond());
            Map<String, INDArray> e = expected.getFirst().gradientForVariable();
            Map<String, INDArray> a = actual.getFirst().gradientForVariable();
            assertThat(a.keySet()).containsExactlyElementsOf(e.keySet());   // DL4J's order: b, then W
            e.forEach((key, value) -> assertThat(a.get(key)).as(key).isEqualTo(value));
            assertThat(layer.getGradientsViewArray()).isEqualTo(expectedLayer.getGradientsViewArray());
            // dL/dW = x^T g and dL/dx = g W^T, in double
            INDArray w = layer.getParam("W").castTo(DataType.DOUBLE);
            INDArray gd = g.castTo(DataType.DOUBLE);
            INDArray xd = x.castTo(DataType.DOUBLE);
            assertThat(maxDifference(a.get("W"), xd.transpose().mmul(gd))).isLessThan(1e-5);
            assertThat(maxDifference(actual.getSecond(), gd.mmul(w.transpose()))).isLessThan(1e-5);
        }
    }

    @Test
    void onlyTheGradientsAskedForAreComputed() {
        Layer full = dense(true, Activation.IDENTITY, 0);
        Layer layer = dense(true, Activation.IDENTITY, 0);
        INDArray x = gaussian(3, 8, 37);
        INDArray g = gaussian(4, 8, 23);
        full.activate(x, true, NO_WORKSPACES);
        Pair<Gradient, INDArray> expected = full.backpropGradient(g, NO_WORKSPACES);

        layer.activate(x, true, NO_WORKSPACES);
        layer.getGradientsViewArray().assign(SENTINEL);
        Pair<Gradient, INDArray> inputOnly = DenseBackward.backprop(layer, g, NO_WORKSPACES, Wanted.INPUT);
        assertThat(inputOnly.getSecond()).isEqualTo(expected.getSecond());
        assertThat(inputOnly.getFirst().gradientForVariable()).isEmpty();
        assertThat(layer.getGradientsViewArray().minNumber().doubleValue()).isEqualTo(SENTINEL);
        assertThat(layer.getGradientsViewArray().maxNumber().doubleValue()).isEqualTo(SENTINEL);

        Pair<Gradient, INDArray> parametersOnly = DenseBackward.backprop(layer, g, NO_WORKSPACES, Wanted.PARAMETERS);
        assertThat(parametersOnly.getSecond()).isNull();
        assertThat(layer.getGradientsViewArray()).isEqualTo(full.getGradientsViewArray());
    }

    @Test
    void otherActivationsDropoutAndMasksAreLeftToDl4j() {
        assertThat(DenseBackward.handles(dense(true, Activation.RELU, 0))).isFalse();
        assertThat(DenseBackward.handles(dense(true, Activation.IDENTITY, 0.5))).isFalse();
        Layer masked = dense(true, Activation.IDENTITY, 0);
        masked.setMaskArray(Nd4j.ones(DataType.FLOAT, 4, 1));
        assertThat(DenseBackward.handles(masked)).isFalse();
    }

    private static Layer dense(boolean bias, Activation activation, double dropOut) {
        DenseLayer.Builder builder = new DenseLayer.Builder().nOut(23).hasBias(bias).activation(activation);
        if (dropOut > 0) {
            builder.dropOut(dropOut);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).list().layer(builder.build()).setInputType(InputType.feedForward(37)).build());
        net.init();
        net.initGradientsView();
        return net.getLayer(0);
    }

    private static INDArray gaussian(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    private static double maxDifference(INDArray actual, INDArray expected) {
        return actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
    }
}
