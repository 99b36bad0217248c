package dev.jvmgan.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The toolkit's PReLU: its passes against the formula computed element by element, against finite differences in
 * double precision, against DL4J's own op at shapes where that op works, at the default DCGAN's shape where it does
 * not, and through DL4J's JSON and model files.
 */
class PReluLayerTest {

    /** A one-layer network holding only the PReLU, for driving its passes directly. */
    private static MultiLayerNetwork single(PReLULayer layer, long[] inputShape, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(dataType).list()
                .layer(layer);
        list.setInputType(inputShape.length == 3
                ? InputType.convolutional(inputShape[1], inputShape[2], inputShape[0])
                : InputType.feedForward(inputShape[0]));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        net.initGradientsView();
        return net;
    }

    private static PReLULayer.Builder builder(long[] inputShape) {
        PReLULayer.Builder b = new PReLULayer.Builder().inputShape(inputShape.clone())
                .weightInit(new WeightInitConstant(0.25));
        if (inputShape.length == 3) {
            b.sharedAxes(2, 3);
        }
        return b.name("act");
    }

    /** Seeded values away from 0 (|x| >= 0.05), so no finite difference straddles the kink. */
    private static INDArray awayFromZero(DataType dataType, long seed, long... shape) {
        Random rng = new Random(seed);
        INDArray a = Nd4j.create(dataType, shape);
        for (long i = 0; i < a.length(); i++) {
            double v = 0.05 + rng.nextDouble();
            a.putScalar(i, rng.nextBoolean() ? v : -v);
        }
        return a;
    }

    private static void randomSlopes(MultiLayerNetwork net, long seed) {
        INDArray w = net.getLayer(0).getParam("W");
        Random rng = new Random(seed);
        for (long i = 0; i < w.length(); i++) {
            w.putScalar(i, -0.5 + 1.5 * rng.nextDouble());
        }
    }

    private static Pair<Gradient, INDArray> backward(MultiLayerNetwork net, INDArray x, INDArray epsilon) {
        Layer layer = net.getLayer(0);
        layer.setInput(x.dup(), LayerWorkspaceMgr.noWorkspaces());
        layer.activate(true, LayerWorkspaceMgr.noWorkspaces());
        return layer.backpropGradient(epsilon.dup(), LayerWorkspaceMgr.noWorkspaces());
    }

    /** The slope of element {@code i} of an input of shape [batch, ...], from the formula's broadcasting. */
    private static double slopeOf(INDArray slopes, long[] inShape, long i) {
        long perSample = 1;
        for (int k = 1; k < inShape.length; k++) {
            perSample *= inShape[k];
        }
        long within = i % perSample;
        if (inShape.length == 4) {
            return slopes.getDouble(within / (inShape[2] * inShape[3]));
        }
        return slopes.getDouble(within);
    }

    @Test
    void forwardAndBothGradientsMatchTheFormulaAtTheDefaultDcganShape() {
        long[] sample = {128, 7, 7};
        long[] in = {64, 128, 7, 7};
        MultiLayerNetwork net = single(PReluLayer.of(builder(sample).build()), sample, DataType.FLOAT);
        randomSlopes(net, 3);
        INDArray slopes = net.getLayer(0).getParam("W").dup();
        INDArray x = Fixtures.gaussian(DataType.FLOAT, 1, in);
        INDArray eps = Fixtures.gaussian(DataType.FLOAT, 2, in);

        INDArray out = net.getLayer(0).activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        Pair<Gradient, INDArray> grads = backward(net, x, eps);

        double[] slopeGrad = new double[128];
        for (long i = 0; i < x.length(); i++) {
            double xi = x.getDouble(i);
            double a = slopeOf(slopes, in, i);
            assertThat(out.getDouble(i)).isCloseTo(xi > 0 ? xi : a * xi, within(1e-6));
            assertThat(grads.getSecond().getDouble(i)).isCloseTo(eps.getDouble(i) * (xi > 0 ? 1 : a), within(1e-6));
            slopeGrad[(int) ((i % (128 * 49)) / 49)] += xi > 0 ? 0 : eps.getDouble(i) * xi;
        }
        INDArray dW = grads.getFirst().getGradientFor("W");
        for (int c = 0; c < 128; c++) {
            assertThat(dW.getDouble(c)).as("slope %d", c).isCloseTo(slopeGrad[c], within(1e-3));
        }
        assertThat(net.getGradientsViewArray().sumNumber().doubleValue())
                .as("the gradient lands in the network's flat gradient view")
                .isCloseTo(dW.sumNumber().doubleValue(), within(1e-3));
    }

    @Test
    void gradientsMatchFiniteDifferencesInDoublePrecision() {
        for (long[] sample : new long[][]{{3, 4, 4}, {5}}) {
            long[] in = sample.length == 3 ? new long[]{2, 3, 4, 4} : new long[]{3, 5};
            MultiLayerNetwork net = single(PReluLayer.of(builder(sample).build()), sample, DataType.DOUBLE);
            randomSlopes(net, 11);
            INDArray x = awayFromZero(DataType.DOUBLE, 5, in);
            INDArray weights = awayFromZero(DataType.DOUBLE, 6, in); // loss = sum(weights * f(x)), dL/df = weights
            Pair<Gradient, INDArray> grads = backward(net, x, weights);
            INDArray dx = grads.getSecond().dup();
            INDArray dW = grads.getFirst().getGradientFor("W").dup();

            for (long i = 0; i < x.length(); i++) {
                assertThat(dx.getDouble(i)).as("dL/dx[%d] of %s", i, sample.length)
                        .isCloseTo(centralDifference(net, x, weights, x, i), within(1e-8));
            }
            INDArray w = net.getLayer(0).getParam("W");
            for (long j = 0; j < w.length(); j++) {
                assertThat(dW.getDouble(j)).as("dL/da[%d]", j)
                        .isCloseTo(centralDifference(net, x, weights, w, j), within(1e-8));
            }
        }
    }

    /** (L(v + h) - L(v - h)) / 2h for element {@code i} of {@code varied} (the input or the slopes), h = 1e-6. */
    private static double centralDifference(MultiLayerNetwork net, INDArray x, INDArray weights, INDArray varied,
                                            long i) {
        double h = 1e-6;
        double keep = varied.getDouble(i);
        varied.putScalar(i, keep + h);
        double up = loss(net, x, weights);
        varied.putScalar(i, keep - h);
        double down = loss(net, x, weights);
        varied.putScalar(i, keep);
        return (up - down) / (2 * h);
    }

    private static double loss(MultiLayerNetwork net, INDArray x, INDArray weights) {
        INDArray out = net.getLayer(0).activate(x.dup(), true, LayerWorkspaceMgr.noWorkspaces());
        return out.mul(weights).sumNumber().doubleValue();
    }

    @Test
    void agreesWithDl4jsOwnOpWhereThatOpWorks() {
        long[] sample = {3, 4, 4};
        long[] in = {2, 3, 4, 4};
        MultiLayerNetwork ours = single(PReluLayer.of(builder(sample).build()), sample, DataType.FLOAT);
        MultiLayerNetwork dl4j = single(builder(sample).build(), sample, DataType.FLOAT);
        randomSlopes(ours, 9);
        dl4j.getLayer(0).setParams(ours.getLayer(0).params().dup());
        INDArray x = awayFromZero(DataType.FLOAT, 7, in);
        INDArray eps = Fixtures.gaussian(DataType.FLOAT, 8, in);

        INDArray ourOut = ours.getLayer(0).activate(x.dup(), true, LayerWorkspaceMgr.noWorkspaces());
        INDArray theirOut = dl4j.getLayer(0).activate(x.dup(), true, LayerWorkspaceMgr.noWorkspaces());
        assertThat(ourOut.equalsWithEps(theirOut, 1e-6)).isTrue();

        Pair<Gradient, INDArray> ourGrad = backward(ours, x, eps);
        Pair<Gradient, INDArray> theirGrad = backward(dl4j, x, eps);
        assertThat(ourGrad.getSecond().equalsWithEps(theirGrad.getSecond(), 1e-6)).isTrue();
        assertThat(ourGrad.getFirst().getGradientFor("W")
                .equalsWithEps(theirGrad.getFirst().getGradientFor("W"), 1e-5)).isTrue();
    }

    @Test
    void keepsEverySettingAndSurvivesDl4jsJsonAndModelFiles(@TempDir Path tmp) throws Exception {
        long[] sample = {3, 4, 4};
        PReLULayer built = builder(sample).build();
        PReluLayer copy = PReluLayer.of(built);
        assertThat(copy.getLayerName()).isEqualTo("act");
        assertThat(copy.getInputShape()).containsExactly(3, 4, 4);
        assertThat(copy.getSharedAxes()).containsExactly(2, 3);
        assertThat(copy.getWeightInitFn()).isEqualTo(built.getWeightInitFn());

        MultiLayerNetwork net = single(copy, sample, DataType.FLOAT);
        randomSlopes(net, 4);
        String json = net.getLayerWiseConfigurations().toJson();
        assertThat(MultiLayerConfiguration.fromJson(json).getConf(0).getLayer()).isInstanceOf(PReluLayer.class);

        Path file = tmp.resolve("prelu.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertThat(back.getLayer(0)).isInstanceOf(PReluLayer.Runtime.class);
        assertThat(back.params()).isEqualTo(net.params());
    }
}
