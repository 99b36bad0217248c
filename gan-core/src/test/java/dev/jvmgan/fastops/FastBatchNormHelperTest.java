package dev.jvmgan.fastops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.backend.NativeBackend;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FastBatchNormHelperTest {
    private static final double EPS = 1e-5;

    @BeforeAll
    static void backend() {
        NativeBackend.initialise();
    }

    /** Training-mode batch norm of channel-major data in double: x[n][c][s] with s over the spatial positions. */
    static double loss(double[][][] x, double[] gamma, double[] beta, double[][][] w) {
        int n = x.length;
        int ch = x[0].length;
        int sp = x[0][0].length;
        double loss = 0;
        for (int c = 0; c < ch; c++) {
            double mean = 0;
            for (double[][] xi : x) {
                for (int s = 0; s < sp; s++) {
                    mean += xi[c][s];
                }
            }
            mean /= n * sp;
            double var = 0;
            for (double[][] xi : x) {
                for (int s = 0; s < sp; s++) {
                    var += (xi[c][s] - mean) * (xi[c][s] - mean);
                }
            }
            var /= n * sp;
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < sp; s++) {
                    double y = gamma[c] * (x[i][c][s] - mean) / Math.sqrt(var + EPS) + beta[c];
                    loss += w[i][c][s] * y;
                }
            }
        }
        return loss;
    }

    record Result(INDArray dx, INDArray dGamma, INDArray dBeta) {
    }

    static Result run(MKLDNNBatchNormHelper helper, INDArray x, INDArray gamma, INDArray beta, INDArray dy) {
        long channels = x.size(1);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray mean = Nd4j.zeros(DataType.FLOAT, channels);
        INDArray var = Nd4j.ones(DataType.FLOAT, channels);
        helper.preOutput(x, true, x.shape(), gamma, beta, mean, var, 0.9, EPS, CNN2DFormat.NCHW, mgr);
        INDArray dGamma = Nd4j.zeros(DataType.FLOAT, 1, channels);
        INDArray dBeta = Nd4j.zeros(DataType.FLOAT, 1, channels);
        Pair<Gradient, INDArray> out = helper.backpropGradient(x, dy, x.shape(), gamma, beta, dGamma, dBeta, EPS,
                CNN2DFormat.NCHW, mgr);
        return new Result(out.getSecond(), dGamma, dBeta);
    }

    private static double[][][] channelMajor(INDArray a) {
        INDArray r = a.rank() == 2 ? a.reshape(a.size(0), a.size(1), 1) : a.reshape(a.size(0), a.size(1), -1);
        double[][][] out = new double[(int) r.size(0)][(int) r.size(1)][(int) r.size(2)];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < out[0].length; c++) {
                for (int s = 0; s < out[0][0].length; s++) {
                    out[i][c][s] = r.getDouble(i, c, s);
                }
            }
        }
        return out;
    }

    /** A batch x (scaled and shifted off zero), gamma in [0.5, 1.5), beta and the upstream gradient dy. */
    record Case(INDArray x, INDArray gamma, INDArray beta, INDArray dy) {
        static Case random(double scale, double shift, long... shape) {
            long channels = shape[1];
            return new Case(Nd4j.randn(DataType.FLOAT, shape).muli(scale).addi(shift),
                    Nd4j.rand(DataType.FLOAT, channels).addi(0.5), Nd4j.randn(DataType.FLOAT, channels),
                    Nd4j.randn(DataType.FLOAT, shape));
        }

        Result backward(MKLDNNBatchNormHelper helper) {
            return run(helper, x.dup(), gamma, beta, dy.dup());
        }
    }

    static void checkAgainstFiniteDifferences(Supplier<MKLDNNBatchNormHelper> helper, long... shape) {
        Case input = Case.random(1.5, 0.7, shape);
        INDArray x = input.x();
        INDArray gamma = input.gamma();
        INDArray beta = input.beta();
        INDArray dy = input.dy();
        long channels = shape[1];
        Result fast = input.backward(helper.get());

        double[][][] xs = channelMajor(x);
        double[][][] w = channelMajor(dy);
        double[] g = gamma.toDoubleVector();
        double[] b = beta.toDoubleVector();
        double[][][] dx = channelMajor(fast.dx());
        double h = 1e-6;
        Random random = new Random(7);
        for (int t = 0; t < 12; t++) {
            int i = random.nextInt(xs.length);
            int c = random.nextInt(xs[0].length);
            int s = random.nextInt(xs[0][0].length);
            double keep = xs[i][c][s];
            xs[i][c][s] = keep + h;
            double up = loss(xs, g, b, w);
            xs[i][c][s] = keep - h;
            double down = loss(xs, g, b, w);
            xs[i][c][s] = keep;
            double numeric = (up - down) / (2 * h);
            assertThat(dx[i][c][s]).as("dL/dx[%d][%d][%d] of %s", i, c, s, java.util.Arrays.toString(shape))
                    .isCloseTo(numeric, within(1e-4 + 1e-3 * Math.abs(numeric)));
        }
        for (int c = 0; c < channels; c++) {
            double[] gUp = g.clone();
            gUp[c] += h;
            double[] gDown = g.clone();
            gDown[c] -= h;
            double numericGamma = (loss(xs, gUp, b, w) - loss(xs, gDown, b, w)) / (2 * h);
            double[] bUp = b.clone();
            bUp[c] += h;
            double[] bDown = b.clone();
            bDown[c] -= h;
            double numericBeta = (loss(xs, g, bUp, w) - loss(xs, g, bDown, w)) / (2 * h);
            assertThat(fast.dGamma().getDouble(0, c)).as("dL/dgamma[%d]", c)
                    .isCloseTo(numericGamma, within(1e-3 * (1 + Math.abs(numericGamma))));
            assertThat(fast.dBeta().getDouble(0, c)).as("dL/dbeta[%d]", c)
                    .isCloseTo(numericBeta, within(1e-3 * (1 + Math.abs(numericBeta))));
        }
        assertThat(fast.dx().sumNumber().doubleValue()).as("the mean's term: each channel's dx sums to ~0")
                .isCloseTo(0, within(1e-3));
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheDoublePrecisionLossRank4() {
        checkAgainstFiniteDifferences(() -> new FastBatchNormHelper(DataType.FLOAT), 4, 3, 5, 5);
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheDoublePrecisionLossRank2() {
        checkAgainstFiniteDifferences(() -> new FastBatchNormHelper(DataType.FLOAT), 16, 6);
    }

    @Test
    void agreesWithDl4jsOwnBackwardOnDcganSizes() {
        agreesWithDl4j(() -> new FastBatchNormHelper(DataType.FLOAT), new long[][] {{64, 64, 14, 14}, {64, 128, 7, 7},
                {64, 6272}, {8, 64, 32, 32}});
    }

    static void agreesWithDl4j(Supplier<MKLDNNBatchNormHelper> helper, long[][] shapes) {
        for (long[] shape : shapes) {
            Case input = Case.random(2, 0.5, shape);
            Result fast = input.backward(helper.get());
            Result dl4j = input.backward(new MKLDNNBatchNormHelper(DataType.FLOAT));
            assertThat(maxRelative(fast.dx(), dl4j.dx())).as("dx").isLessThan(1e-5);
            assertThat(maxRelative(fast.dGamma(), dl4j.dGamma())).as("dgamma").isLessThan(1e-4);
            assertThat(maxRelative(fast.dBeta(), dl4j.dBeta())).as("dbeta").isLessThan(1e-4);
        }
    }

    static double maxRelative(INDArray a, INDArray b) {
        double scale = b.amaxNumber().doubleValue();
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }

    @Test
    void installReplacesOnlyDl4jsOneDnnHelperAndTheNetworkTrainsTheSame() {
        MultiLayerNetwork plain = network();
        MultiLayerNetwork fast = network();
        assertThat(plain.getLayer(1).getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class);
        assertThat(FastBatchNormHelper.install(fast.getLayers())).isEqualTo(1);
        assertThat(fast.getLayer(1).getHelper()).isExactlyInstanceOf(FastBatchNormHelper.class);
        assertThat(FastBatchNormHelper.install(fast.getLayers())).as("already replaced").isZero();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2, 6, 6);
        INDArray y = Nd4j.rand(DataType.FLOAT, 8, 1);
        plain.setInput(x);
        plain.setLabels(y);
        plain.computeGradientAndScore();
        fast.setInput(x);
        fast.setLabels(y);
        fast.computeGradientAndScore();
        INDArray expected = plain.gradient().gradient();
        INDArray actual = fast.gradient().gradient();
        assertThat(maxRelative(actual, expected)).isLessThan(1e-5);
        assertThat(expected.amaxNumber().doubleValue()).isPositive();
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(6, 6, 2)).build());
        net.init();
        return net;
    }
}
