package dev.jvmgan.fastops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.model.EluActivation;
import dev.jvmgan.model.GeluActivation;
import dev.jvmgan.model.LeakyReluActivation;
import dev.jvmgan.model.SeluActivation;
import dev.jvmgan.model.SiluActivation;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.gradient.Gradient;

/**
 * The toolkit's ActivationLayer passes give DL4J's own bits, special values included (ReLU's backward pass its
 * values, see {@link #assertSameValues}), and leave the rest alone.
 */
class FastActivationTest {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @Test
    void reluLeakyReluAndOneDnnFunctionsGiveDl4jsBitsForwardAndBackward() {
        for (IActivation fn : List.of(new ActivationReLU(), new LeakyReluActivation(0.2),
                new LeakyReluActivation(0.37), new EluActivation(), new EluActivation(0.7), new GeluActivation(),
                new SiluActivation(), new SeluActivation())) {
            Layer layer = layer(fn);
            INDArray x = values(64 * 37, 1).reshape(64, 37);
            INDArray dy = values(64 * 37, 2).reshape(64, 37);
            assertThat(FastActivation.handles(layer, x)).as("%s", fn).isTrue();

            INDArray expectedY = layer.activate(x.dup(), true, NO_WORKSPACES).dup();
            Pair<Gradient, INDArray> expected = layer.backpropGradient(dy.dup(), NO_WORKSPACES);
            INDArray expectedDx = expected.getSecond().dup();

            INDArray y = FastActivation.forward(layer, x, NO_WORKSPACES);
            assertThat(layer.input()).as("the input is set for the backward pass").isSameAs(x);
            Pair<Gradient, INDArray> fast = FastActivation.backward(layer, dy, NO_WORKSPACES);
            assertSameBits(fn + " forward", x, dy, y, expectedY);
            if (fn instanceof ActivationReLU) {
                assertSameValues(fn + " backward", x, dy, fast.getSecond(), expectedDx);
            } else {
                assertSameBits(fn + " backward", x, dy, fast.getSecond(), expectedDx);
            }
            assertThat(fast.getFirst().gradientForVariable()).isEmpty();
            assertThat(y).isNotSameAs(x);
        }
    }

    @Test
    void aNonContiguousGradientIsCopiedNotMisread() {
        Layer layer = layer(new LeakyReluActivation(0.2));
        INDArray x = values(6 * 10, 3).reshape(6, 10);
        INDArray dyT = values(6 * 10, 4).reshape(10, 6);
        INDArray dy = dyT.transpose();                       // [6, 10], 'f' strides
        layer.activate(x.dup(), true, NO_WORKSPACES);
        INDArray expectedDx = layer.backpropGradient(dy.dup('c'), NO_WORKSPACES).getSecond().dup();
        FastActivation.forward(layer, x, NO_WORKSPACES);
        assertSameBits("backward", x, dy.dup('c'), FastActivation.backward(layer, dy, NO_WORKSPACES).getSecond(),
                expectedDx);
    }

    @Test
    void otherFunctionsTypesAndLayoutsAreLeftToDl4j() {
        INDArray x = values(64, 5).reshape(8, 8);
        assertThat(FastActivation.handles(layer(new ActivationTanH()), x)).isFalse();
        assertThat(FastActivation.handles(layer(new ActivationLReLU()), x)).as("DL4J's own, slope 1 at NaN").isFalse();
        assertThat(FastActivation.handles(layer(new ActivationReLU(6.0, 0.0, 0.0)), x)).as("capped ReLU").isFalse();
        assertThat(FastActivation.handles(layer(new ActivationReLU()), x.castTo(DataType.DOUBLE))).isFalse();
        assertThat(FastActivation.handles(layer(new ActivationReLU()), x.transpose())).as("'f' strides").isFalse();
        // A contiguous view at an offset is read where it starts.
        INDArray row = x.getRow(3, true);
        Layer leaky = layer(new LeakyReluActivation(0.2));
        assertThat(FastActivation.handles(leaky, row)).isTrue();
        INDArray expected = leaky.activate(row.dup(), true, NO_WORKSPACES).dup();
        assertSameBits("a row", row, row, FastActivation.forward(leaky, row, NO_WORKSPACES), expected);
        Layer dropout = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ActivationLayer.Builder().activation(new ActivationReLU()).dropOut(0.5).build())
                .setInputType(InputType.feedForward(8)).build());
        ((MultiLayerNetwork) dropout).init();
        assertThat(FastActivation.handles(((MultiLayerNetwork) dropout).getLayer(0), x)).isFalse();
    }

    private static Layer layer(IActivation fn) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ActivationLayer.Builder().activation(fn).build())
                .setInputType(InputType.feedForward(8)).build());
        net.init();
        return net.getLayer(0);
    }

    /** Gaussians with exact zeros, negative zeros, NaN and infinities among them. */
    private static INDArray values(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                -Float.MIN_VALUE};
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)] : (float) random.nextGaussian();
        }
        return Nd4j.createFromArray(v);
    }

    /**
     * ReLU's backward pass through oneDNN: relu_bp's values, except where x &lt;= 0 and dL/dy is infinite or NaN
     * (NaN, not 0) and where x is NaN (dL/dy, not 0); a zero may carry dL/dy's sign. All occur in the test data.
     */
    private static void assertSameValues(String what, INDArray x, INDArray dy, INDArray actual, INDArray expected) {
        float[] a = actual.dup('c').data().asFloat();
        float[] e = expected.dup('c').data().asFloat();
        float[] xs = x.dup('c').data().asFloat();
        float[] dys = dy.dup('c').data().asFloat();
        int negativeZeros = 0;
        int nans = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.isNaN(xs[i])) {
                // oneDNN's x > 0 holds for NaN (an unordered compare): dL/dy passes, where relu_bp gives 0.
                assertThat(e[i]).isZero();
                assertThat(Float.floatToRawIntBits(a[i])).isEqualTo(Float.floatToRawIntBits(dys[i]));
                continue;
            }
            boolean masked = !(xs[i] > 0);
            if (masked && !Float.isFinite(dys[i])) {
                assertThat(e[i]).as("%s: relu_bp hides dy=%s at x=%s", what, dys[i], xs[i]).isZero();
                assertThat(a[i]).as("%s: entry %d", what, i).isNaN();
                nans++;
                continue;
            }
            if (a[i] != e[i] && !(Float.isNaN(a[i]) && Float.isNaN(e[i]))) {
                throw new AssertionError(what + ": entry " + i + " x=" + xs[i] + " dy=" + dys[i] + " expected "
                        + e[i] + " got " + a[i]);
            }
            if (masked && Float.floatToRawIntBits(a[i]) == 0x80000000) {
                negativeZeros++;
            }
        }
        assertThat(nans).as("non-finite dy where x <= 0 occurs in the data").isPositive();
        assertThat(negativeZeros).as("-0 where x <= 0 and dy < 0 occurs in the data").isPositive();
    }

    /** The first entry whose bits differ, with the inputs there, or nothing. */
    private static void assertSameBits(String what, INDArray x, INDArray dy, INDArray actual, INDArray expected) {
        int[] a = bits(actual);
        int[] e = bits(expected);
        float[] xs = x.dup('c').data().asFloat();
        float[] dys = dy.dup('c').data().asFloat();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            if (a[i] != e[i]) {
                throw new AssertionError(what + ": entry " + i + " x=" + xs[i] + " dy=" + dys[i] + " expected "
                        + Float.intBitsToFloat(e[i]) + " got " + Float.intBitsToFloat(a[i]));
            }
        }
    }

    private static int[] bits(INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}
