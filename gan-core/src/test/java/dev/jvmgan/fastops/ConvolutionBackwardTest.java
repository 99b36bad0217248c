package dev.jvmgan.fastops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.backend.NativeBackend;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import org.nd4j.linalg.profiler.data.StringAggregator;

/**
 * The backward passes without the recomputed forward pass give exactly DL4J's gradients and input gradient, and do
 * not run the forward convolution; layers it does not handle go to DL4J's backward.
 */
class ConvolutionBackwardTest {
    private final List<String> ops = new ArrayList<>();
    private StringAggregator replaced;

    @BeforeAll
    static void backend() {
        NativeBackend.initialise();
    }

    @AfterEach
    void stopRecording() {
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        if (replaced != null) {
            OpProfiler.getInstance().setClassAggergator(replaced);
            replaced = null;
        }
    }

    private static MultiLayerNetwork single(org.deeplearning4j.nn.conf.layers.Layer layer, int channels, int size) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Sgd(0.1)).list().layer(layer)
                .setInputType(InputType.convolutional(size, size, channels, CNN2DFormat.NCHW)).build());
        net.init();
        return net;
    }

    private static ConvolutionLayer conv(Activation activation) {
        return new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(6).activation(activation)
                .dataFormat(CNN2DFormat.NCHW).build();
    }

    private static Deconvolution2D deconv(ConvolutionMode mode, boolean bias) {
        return new Deconvolution2D.Builder().kernelSize(4, 4).stride(2, 2).padding(1, 1).nOut(5).hasBias(bias)
                .convolutionMode(mode).activation(Activation.IDENTITY).build();
    }

    private static INDArray gaussian(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    /**
     * Forward on both copies, DL4J's backward on one and ours on the other: bitwise the same, ours without
     * {@code forwardOp}.
     */
    private void assertSameAsDl4j(MultiLayerNetwork net, INDArray input, String forwardOp) {
        MultiLayerNetwork theirs = net.clone();
        Layer ours = net.getLayer(0);
        Layer dl4j = theirs.getLayer(0);
        assertThat(ConvolutionBackward.skipsRecomputation(ours)).isTrue();
        net.initGradientsView();
        theirs.initGradientsView();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray output = ours.activate(input.dup(), true, mgr);
        INDArray theirOutput = dl4j.activate(input.dup(), true, mgr);
        assertThat(output).isEqualTo(theirOutput);
        INDArray epsilon = gaussian(11, output.shape());

        startRecording();
        Pair<Gradient, INDArray> ourStep = ConvolutionBackward.backprop(ours, output, epsilon, mgr);
        List<String> ourOps = new ArrayList<>(ops);
        ops.clear();
        Pair<Gradient, INDArray> theirStep = dl4j.backpropGradient(epsilon, mgr);
        List<String> theirOps = new ArrayList<>(ops);
        stopRecording();

        assertThat(ourStep.getSecond()).isEqualTo(theirStep.getSecond());
        assertThat(ourStep.getFirst().gradientForVariable().keySet())
                .containsExactlyElementsOf(theirStep.getFirst().gradientForVariable().keySet());
        assertThat(net.getGradientsViewArray()).isEqualTo(theirs.getGradientsViewArray());
        assertThat(net.getGradientsViewArray().sumNumber().doubleValue()).isNotZero();
        assertThat(theirOps).as("DL4J's backward recomputes the forward pass").contains(forwardOp);
        assertThat(ourOps).doesNotContain(forwardOp).contains(forwardOp + "_bp");
    }

    private void startRecording() {
        ops.clear();
        replaced = OpProfiler.getInstance().getClassAggergator();
        OpProfiler.getInstance().setClassAggergator(new StringAggregator() {
            @Override
            public void putTime(String key, Op op, long timeSpent) {
                ops.add(op.opName());
            }

            @Override
            public void putTime(String key, CustomOp op, long timeSpent) {
                ops.add(op.opName());
            }
        });
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
    }

    @Test
    void convolutionWithTheOneDnnHelperIsDl4jsBackwardWithoutTheForwardConvolution() {
        MultiLayerNetwork net = single(conv(Activation.IDENTITY), 3, 16);
        assertThat(((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0)).getHelper())
                .isNotNull();
        assertSameAsDl4j(net, gaussian(1, 4, 3, 16, 16), "conv2d");
        assertThat(((org.deeplearning4j.nn.layers.AbstractLayer<?>) net.getLayer(0)).getPreOutput())
                .as("the borrowed pre-output is handed back").isNull();
    }

    @Test
    void transposedConvolutionIsDl4jsBackwardWithoutTheForwardOne() {
        assertSameAsDl4j(single(deconv(ConvolutionMode.Truncate, true), 6, 7), gaussian(2, 3, 6, 7, 7), "deconv2d");
        assertSameAsDl4j(single(deconv(ConvolutionMode.Truncate, false), 6, 7), gaussian(3, 3, 6, 7, 7),
                "deconv2d");
        assertSameAsDl4j(single(deconv(ConvolutionMode.Same, true), 6, 8), gaussian(4, 2, 6, 8, 8), "deconv2d");
    }

    @Test
    void layersWhoseBackwardNeedsThePreActivationGoToDl4j() {
        assertThat(ConvolutionBackward.skipsRecomputation(single(conv(Activation.RELU), 3, 16).getLayer(0)))
                .isFalse();
        Deconvolution2D noisy = deconv(ConvolutionMode.Truncate, true);
        noisy.setWeightNoise(new DropConnect(0.5));
        assertThat(ConvolutionBackward.skipsRecomputation(single(noisy, 6, 7).getLayer(0))).isFalse();
        Deconvolution2D nhwc = new Deconvolution2D.Builder().kernelSize(4, 4).stride(2, 2).padding(1, 1).nOut(5)
                .dataFormat(CNN2DFormat.NHWC).activation(Activation.IDENTITY).build();
        MultiLayerNetwork nhwcNet = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).list().layer(nhwc)
                .setInputType(InputType.convolutional(7, 7, 6, CNN2DFormat.NHWC)).build());
        nhwcNet.init();
        assertThat(ConvolutionBackward.skipsRecomputation(nhwcNet.getLayer(0))).isFalse();

        // Handed to DL4J: the same result as its own backward, pre-activation recomputed.
        MultiLayerNetwork relu = single(conv(Activation.TANH), 3, 16);
        MultiLayerNetwork theirs = relu.clone();
        relu.initGradientsView();
        theirs.initGradientsView();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray input = gaussian(5, 2, 3, 16, 16);
        INDArray output = relu.getLayer(0).activate(input.dup(), true, mgr);
        theirs.getLayer(0).activate(input.dup(), true, mgr);
        INDArray epsilon = gaussian(6, output.shape());
        assertThat(ConvolutionBackward.backprop(relu.getLayer(0), output, epsilon, mgr).getSecond())
                .isEqualTo(theirs.getLayer(0).backpropGradient(epsilon, mgr).getSecond());
    }

    /**
     * dL/dx alone: through ND4J's deconv2d where the transposed convolution's output is exactly the input's size (the
     * weight gradients left unwritten), else through the full pass; either way DL4J's dL/dx.
     */
    @Test
    void inputGradientAloneIsDl4jsWithoutTheWeightGradientsWhereTheSizesFit() {
        for (int size : new int[] {16, 17}) {
            MultiLayerNetwork net = single(conv(Activation.IDENTITY), 3, size);
            MultiLayerNetwork theirs = net.clone();
            net.initGradientsView();
            theirs.initGradientsView();
            net.getGradientsViewArray().assign(7);
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            INDArray input = gaussian(7, 4, 3, size, size);
            INDArray output = net.getLayer(0).activate(input.dup(), true, mgr);
            theirs.getLayer(0).activate(input.dup(), true, mgr);
            INDArray epsilon = gaussian(8, output.shape());
            startRecording();
            INDArray ours = ConvolutionBackward.backprop(net.getLayer(0), output, epsilon, mgr, Wanted.INPUT)
                    .getSecond();
            List<String> ourOps = new ArrayList<>(ops);
            stopRecording();
            INDArray expected = theirs.getLayer(0).backpropGradient(epsilon, mgr).getSecond();
            double error = ours.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
            assertThat(error).as("size %d", size).isLessThan(1e-5);
            if (size == 16) {
                assertThat(ourOps).containsExactly("deconv2d");
                assertThat(net.getGradientsViewArray().minNumber().doubleValue()).isEqualTo(7.0);
                assertThat(net.getGradientsViewArray().maxNumber().doubleValue()).isEqualTo(7.0);
            } else {
                // 17 = (8 - 1) * 2 + 4 - 2 + 1: the last row and column are read by no output; the full pass.
                assertThat(ourOps).contains("conv2d_bp").doesNotContain("deconv2d");
                assertThat(net.getGradientsViewArray()).isEqualTo(theirs.getGradientsViewArray());
            }
        }
    }
}
