package dev.jvmgan.fastops;

import static dev.jvmgan.fastops.FastBatchNormHelperTest.maxRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.fastops.FastBatchNormHelperTest.Case;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class OneDnnBatchNormHelperTest {
    private static final double EPS = 1e-5;

    @BeforeAll
    static void backend() {
        NativeBackend.initialise();
    }

    @Test
    void forwardPassIsTheFormulaInDoublePrecision() {
        // NCHW, and a dense layer's [N, C] as DL4J hands it over: [N, C, 1, 1].
        for (long[] shape : new long[][] {{4, 3, 5, 5}, {16, 6, 1, 1}}) {
            Case input = Case.random(1.5, 0.7, shape);
            OneDnnBatchNormHelper helper = new OneDnnBatchNormHelper();
            INDArray y = helper.preOutput(input.x(), true, shape, input.gamma(), input.beta(),
                    Nd4j.zeros(DataType.FLOAT, shape[1]), Nd4j.ones(DataType.FLOAT, shape[1]), 0.9, EPS,
                    CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
            INDArray x = input.x().reshape(shape[0], shape[1], -1);
            INDArray out = y.reshape(shape[0], shape[1], -1);
            for (int c = 0; c < shape[1]; c++) {
                double sum = 0;
                double squares = 0;
                long m = x.size(0) * x.size(2);
                for (int i = 0; i < x.size(0); i++) {
                    for (int s = 0; s < x.size(2); s++) {
                        sum += x.getDouble(i, c, s);
                    }
                }
                double mean = sum / m;
                for (int i = 0; i < x.size(0); i++) {
                    for (int s = 0; s < x.size(2); s++) {
                        squares += (x.getDouble(i, c, s) - mean) * (x.getDouble(i, c, s) - mean);
                    }
                }
                double var = squares / m;
                assertThat(helper.getMeanCache(DataType.FLOAT).getDouble(c)).isCloseTo(mean, within(1e-5));
                assertThat(helper.getVarCache(DataType.FLOAT).getDouble(c)).as("biased variance")
                        .isCloseTo(var, within(1e-5 * (1 + var)));
                for (int i = 0; i < x.size(0); i++) {
                    for (int s = 0; s < x.size(2); s++) {
                        double expected = input.gamma().getDouble(c) * (x.getDouble(i, c, s) - mean)
                                / Math.sqrt(var + EPS) + input.beta().getDouble(c);
                        assertThat(out.getDouble(i, c, s)).isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
                    }
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheDoublePrecisionLoss() {
        FastBatchNormHelperTest.checkAgainstFiniteDifferences(OneDnnBatchNormHelper::new, 4, 3, 5, 5);
        FastBatchNormHelperTest.checkAgainstFiniteDifferences(OneDnnBatchNormHelper::new, 16, 6, 1, 1);
    }

    @Test
    void agreesWithDl4jsOwnPassesOnDcganSizes() {
        FastBatchNormHelperTest.agreesWithDl4j(OneDnnBatchNormHelper::new, new long[][] {{64, 64, 14, 14},
                {64, 128, 7, 7}, {64, 6272, 1, 1}, {8, 64, 32, 32}});
        Case input = Case.random(2, 0.5, 64, 6272, 1, 1);
        INDArray ours = forward(new OneDnnBatchNormHelper(), input, true);
        INDArray theirs = forward(new MKLDNNBatchNormHelper(DataType.FLOAT), input, true);
        assertThat(maxRelative(ours, theirs)).as("forward").isLessThan(1e-5);
    }

    @Test
    void anInferencePassInBetweenLeavesTheTrainingPassStatisticsForItsBackwardPass() {
        Case input = Case.random(2, 0.5, 8, 4, 3, 3);
        OneDnnBatchNormHelper helper = new OneDnnBatchNormHelper();
        forward(helper, input, true);
        INDArray mean = helper.getMeanCache(DataType.FLOAT).dup();
        forward(helper, Case.random(1, 3, 8, 4, 3, 3), false);
        assertThat(helper.getMeanCache(DataType.FLOAT)).isEqualTo(mean);
        INDArray dGamma = Nd4j.zeros(DataType.FLOAT, 1, 4);
        INDArray dBeta = Nd4j.zeros(DataType.FLOAT, 1, 4);
        INDArray dx = helper.backpropGradient(input.x(), input.dy(), input.x().shape(), input.gamma(), input.beta(),
                dGamma, dBeta, EPS, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        FastBatchNormHelperTest.Result reference = input.backward(new MKLDNNBatchNormHelper(DataType.FLOAT));
        assertThat(maxRelative(dx, reference.dx())).isLessThan(1e-5);
    }

    @Test
    void inferenceUsesTheRunningStatisticsThroughDl4j() {
        Case input = Case.random(2, 0.5, 8, 4, 3, 3);
        INDArray ours = forward(new OneDnnBatchNormHelper(), input, false);
        INDArray theirs = forward(new MKLDNNBatchNormHelper(DataType.FLOAT), input, false);
        assertThat(ours).isEqualTo(theirs);
        INDArray expected = input.x().mul(input.gamma().reshape(1, 4, 1, 1).div(Math.sqrt(2 + EPS)))
                .addi(input.beta().reshape(1, 4, 1, 1).sub(input.gamma().reshape(1, 4, 1, 1)
                        .mul(0.5 / Math.sqrt(2 + EPS))));
        assertThat(maxRelative(ours, expected)).isLessThan(1e-5);
    }

    /** y with running mean 0.5 and variance 2 (used in inference only). */
    private static INDArray forward(MKLDNNBatchNormHelper helper, Case input, boolean training) {
        long channels = input.x().size(1);
        return helper.preOutput(input.x(), training, input.x().shape(), input.gamma(), input.beta(),
                Nd4j.valueArrayOf(new long[] {channels}, 0.5f), Nd4j.valueArrayOf(new long[] {channels}, 2f), 0.9,
                EPS, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
    }

    @Test
    void installedInANetworkItTrainsAsDl4jDoesRunningStatisticsIncluded() {
        MultiLayerNetwork plain = network();
        MultiLayerNetwork fast = network();
        assertThat(OneDnnBatchNormHelper.install(fast.getLayers())).isEqualTo(2);
        assertThat(fast.getLayer(1).getHelper()).isExactlyInstanceOf(OneDnnBatchNormHelper.class);
        assertThat(OneDnnBatchNormHelper.install(fast.getLayers())).as("already replaced").isZero();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2, 6, 6);
        INDArray y = Nd4j.rand(DataType.FLOAT, 8, 1);
        for (int step = 0; step < 3; step++) {
            plain.fit(x, y);
            fast.fit(x, y);
        }
        for (int layer : new int[] {1, 3}) {
            // DL4J falls back to its own code, with a warning, when a helper throws: this helper's statistics show
            // its forward pass ran (they stay null otherwise).
            assertThat(fast.getLayer(layer).getHelper()).isInstanceOfSatisfying(OneDnnBatchNormHelper.class,
                    h -> assertThat(h.getMeanCache(DataType.FLOAT)).as("layer %d", layer).isNotNull());
        }
        // The parameters hold gamma, beta and the running mean and variance, updated from the batch statistics.
        assertThat(maxRelative(fast.params(), plain.params())).isLessThan(1e-5);
        assertThat(maxRelative(fast.output(x, false), plain.output(x, false))).isLessThan(1e-4);
        assertThat(fast.params()).isNotEqualTo(network().params());
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(6, 6, 2)).build());
        net.init();
        return net;
    }
}
