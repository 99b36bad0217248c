package dev.jvmgan.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.PReLU;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * PReLU, {@code f(x) = x if x > 0 else a*x} with learned slopes {@code a}, as DL4J's {@link PReLULayer} but with a
 * forward and backward pass of its own.
 *
 * <p>M2.1's {@code prelu_bp} op refuses inputs whose length exceeds {@code SD_MAX_RANK*2} times the slopes' length
 * ("the length of input array should be no more than SD_MAX_RANK*2 times the alpha array length"): the default
 * DCGAN's [64,128,7,7] activations with 128 per-channel slopes fail at the first backward pass. This layer computes
 * both passes from element-wise and broadcast ops, which have no such limit:
 * <ul>
 *   <li>forward: {@code f(x) = max(x, 0) + a * min(x, 0)};</li>
 *   <li>input gradient: {@code dL/dx = dL/df * (x > 0 ? 1 : a)} (at x = 0 the slope is a, as DL4J's leaky ReLU);</li>
 *   <li>slope gradient: {@code dL/da = sum over the batch and the shared axes of dL/df * min(x, 0)}.</li>
 * </ul>
 * The slopes have the input's shape without the batch dimension, with size 1 on each shared axis (1-based, as
 * DL4J counts them: {@code sharedAxes(2, 3)} gives one slope per channel of a [channels, h, w] input), so they
 * broadcast against the input with a leading batch dimension of 1.
 *
 * <p>The class is public with a no-argument constructor because DL4J stores layers in its JSON configuration by
 * class name: checkpoints written with it load back. It stays a {@code PReLULayer}, so everything that recognises
 * PReLU (the summary, the monitors) still does.
 */
public class PReluLayer extends PReLULayer {
    public PReluLayer() {
        super();
    }

    /** This layer with every setting of {@code built} (a layer from {@code new PReLULayer.Builder()...build()}). */
    public static PReluLayer of(PReLULayer built) {
        // PReLULayer's builder constructor is private; DL4J's own JSON mapper copies every inherited setting.
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode tree = mapper.valueToTree(built);
        tree.put("@class", PReluLayer.class.getName());
        try {
            return (PReluLayer) mapper.treeToValue(tree, org.deeplearning4j.nn.conf.layers.Layer.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot copy PReLU layer " + built.getLayerName(), e);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        Runtime layer = new Runtime(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public PReluLayer clone() {
        return (PReluLayer) super.clone();
    }

    /** The layer that runs: DL4J's PReLU layer with both passes replaced. */
    public static class Runtime extends PReLU {
        public Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            assertInputSet(false);
            applyDropOutIfNecessary(training, mgr);
            // As DL4J's layer: a copy in training (the input is kept for backprop), in place in inference.
            INDArray in = training ? mgr.dup(ArrayType.ACTIVATIONS, input, input.ordering())
                    : mgr.leverageTo(ArrayType.ACTIVATIONS, input);
            INDArray negative = Transforms.min(in, 0.0, true).muli(slopes(in));
            return Transforms.relu(in, false).addi(negative);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray a = slopes(input);
            INDArray slopeGradient = gradientViews.get(PReLUParamInitializer.WEIGHT_KEY);
            INDArray summed = Transforms.min(input, 0.0, true).muli(epsilon).sum(true, reducedAxes(input.rank()));
            slopeGradient.assign(summed.reshape(slopeGradient.shape()));

            INDArray positive = input.gt(0.0).castTo(input.dataType());
            INDArray slope = positive.rsub(1.0).muli(a).addi(positive);
            INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape(), input.ordering());
            delta.assign(slope.muli(epsilon));
            delta = backpropDropOutIfPresent(delta);
            Gradient gradient = new DefaultGradient();
            gradient.setGradientFor(PReLUParamInitializer.WEIGHT_KEY, slopeGradient, 'c');
            return new Pair<>(gradient, delta);
        }

        /** The slopes as [1, ...] so that they broadcast against an input of shape [batch, ...]. */
        private INDArray slopes(INDArray in) {
            INDArray alpha = getParam(PReLUParamInitializer.WEIGHT_KEY);
            long[] shape = new long[in.rank()];
            shape[0] = 1;
            long[] alphaShape = alpha.shape();
            if (alphaShape.length == in.rank() - 1) {
                System.arraycopy(alphaShape, 0, shape, 1, alphaShape.length);
            } else if (alpha.length() == in.length() / in.size(0)) {
                System.arraycopy(in.shape(), 1, shape, 1, in.rank() - 1);
            } else {
                throw new IllegalStateException("PReLU layer " + layerConf().getLayerName() + ": slopes of shape "
                        + Arrays.toString(alphaShape) + " do not fit an input of shape " + Arrays.toString(in.shape()));
            }
            return alpha.reshape(shape);
        }

        /** The batch axis and every shared axis, over which one slope's gradient is summed. */
        private int[] reducedAxes(int rank) {
            long[] shared = layerConf().getSharedAxes();
            int[] axes = new int[1 + (shared == null ? 0 : shared.length)];
            for (int i = 1; i < axes.length; i++) {
                axes[i] = (int) shared[i - 1];
                if (axes[i] <= 0 || axes[i] >= rank) {
                    throw new IllegalStateException("PReLU layer " + layerConf().getLayerName() + ": shared axis "
                            + axes[i] + " is outside an input of rank " + rank);
                }
            }
            return axes;
        }
    }
}
