package dev.jvmgan.convolution;

import dev.jvmgan.onednn.Contiguous;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * DL4J's convolution helper slot filled with {@link ConvolutionPrimitives} (float32 or bf16): a
 * {@code ConvolutionLayer} calls it for its forward pass and its backward pass (DL4J applies the activation, dropout
 * and the rest around it). It
 * declines (returns null, so DL4J's own code runs) for what it does not handle: NHWC, dilation, data types other
 * than float32.
 *
 * <p>In a {@code Deconvolution2DLayer}, whose DL4J code never calls its helper's passes, the helper slot marks the
 * layer for {@link #transposedForward} and {@link #transposedBackward}, which the training passes call instead of
 * the layer's own ({@link OneDnnConvolutions}).
 */
final class OneDnnConvolutionHelper implements ConvolutionHelper {
    private final boolean hasBias;
    private final LayerConvolutions convolutions;
    private boolean inputWanted = true;
    private boolean parametersWanted = true;

    OneDnnConvolutionHelper(boolean hasBias, LayerConvolutions convolutions) {
        this.hasBias = hasBias;
        this.convolutions = convolutions;
    }

    /**
     * Which gradients {@link #backpropGradient} computes (both unless told otherwise; see
     * {@link OneDnnConvolutions#want}).
     */
    void want(boolean input, boolean parameters) {
        this.inputWanted = input;
        this.parametersWanted = parameters;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation,
                              CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, weights, dilation, format)) {
            return null;
        }
        int[] inSize = {(int) input.size(2), (int) input.size(3)};
        int[] outSize;
        if (convolutionMode == ConvolutionMode.Same) {
            outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, null, convolutionMode, dilation, format);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, strides, dilation);
        } else {
            outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, pad, convolutionMode, dilation, format);
        }
        Geometry geometry = geometry(input, weights, kernel, strides, pad, outSize);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                geometry.dstDims(), 'c');
        convolutions.of(geometry).forward(Contiguous.of(input), Contiguous.of(weights),
                hasBias ? Contiguous.of(bias) : null, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn, AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, weights, dilation, format) || delta.dataType() != DataType.FLOAT) {
            return null;
        }
        int[] outSize = {(int) delta.size(2), (int) delta.size(3)};
        if (convolutionMode == ConvolutionMode.Same) {
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize,
                    new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation);
        }
        ConvolutionPrimitives conv = convolutions.of(geometry(input, weights, kernel, strides, pad, outSize));
        INDArray x = Contiguous.of(input);
        INDArray dy = Contiguous.of(delta);
        INDArray dx = inputWanted
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c')
                : null;
        backward(conv, x, dy, Contiguous.of(weights), dx, weightGradView, hasBias ? biasGradView : null,
                inputWanted, parametersWanted);
        Gradient gradient = new DefaultGradient();
        if (hasBias) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, dx);
    }

    /**
     * A transposed convolution's forward pass as {@code layer.activate(input, true, mgr)} computes it, for a layer
     * {@link OneDnnConvolutions#transposedHandles} accepts: identity activation, no dropout, no weight noise.
     */
    INDArray transposedForward(Deconvolution2DLayer layer, INDArray input, LayerWorkspaceMgr mgr) {
        layer.setInput(input, mgr);
        INDArray weights = layer.getParam(DeconvolutionParamInitializer.WEIGHT_KEY);
        Geometry geometry = transposedGeometry(layer, input, weights, null);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, geometry.dstDims(), 'c');
        convolutions.of(geometry).forward(Contiguous.of(input), Contiguous.of(weights),
                hasBias ? Contiguous.of(layer.getParam(DeconvolutionParamInitializer.BIAS_KEY)) : null, out);
        return out;
    }

    /**
     * The backward pass of {@link #transposedForward}'s layer, given dL/d(output): the weight and bias gradients
     * written into the layer's gradient views, as DL4J's own backward pass does, and dL/d(input).
     */
    Pair<Gradient, INDArray> transposedBackward(Deconvolution2DLayer layer, INDArray epsilon, LayerWorkspaceMgr mgr,
                                                boolean wantInput, boolean wantParameters) {
        INDArray input = layer.input();
        INDArray weights = layer.getParam(DeconvolutionParamInitializer.WEIGHT_KEY);
        ConvolutionPrimitives deconv = convolutions.of(transposedGeometry(layer, input, weights, epsilon));
        Map<String, INDArray> views = DeconvolutionParamInitializer.getInstance()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        INDArray x = Contiguous.of(input);
        INDArray dy = Contiguous.of(epsilon);
        INDArray dx = wantInput
                ? mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c') : null;
        INDArray weightGrad = views.get(DeconvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = hasBias ? views.get(DeconvolutionParamInitializer.BIAS_KEY) : null;
        backward(deconv, x, dy, Contiguous.of(weights), dx, weightGrad, biasGrad, wantInput, wantParameters);
        Gradient gradient = new DefaultGradient();
        if (hasBias) {
            gradient.setGradientFor(DeconvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(DeconvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        return new Pair<>(gradient, dx);
    }

    /** Output size and padding as M2.1's {@code Deconvolution2DLayer.preOutput} computes them. */
    private Geometry transposedGeometry(Deconvolution2DLayer layer, INDArray input, INDArray weights,
                                        INDArray epsilon) {
        org.deeplearning4j.nn.conf.layers.Deconvolution2D conf =
                (org.deeplearning4j.nn.conf.layers.Deconvolution2D) layer.conf().getLayer();
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        int[] inSize = {(int) input.size(2), (int) input.size(3)};
        int[] pad;
        int[] outSize;
        if (conf.getConvolutionMode() == ConvolutionMode.Same) {
            outSize = ConvolutionUtils.getDeconvolutionOutputSize(input, kernel, strides, null,
                    conf.getConvolutionMode(), dilation, CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, strides, dilation);
        } else {
            pad = conf.getPadding();
            outSize = ConvolutionUtils.getDeconvolutionOutputSize(input, kernel, strides, pad,
                    conf.getConvolutionMode(), dilation, CNN2DFormat.NCHW);
        }
        if (epsilon != null && (epsilon.size(2) != outSize[0] || epsilon.size(3) != outSize[1])) {
            throw new IllegalArgumentException("dL/dy of shape " + java.util.Arrays.toString(epsilon.shape())
                    + " does not fit the layer's output size " + java.util.Arrays.toString(outSize));
        }
        return new Geometry(true, input.size(0), weights.size(0), inSize[0], inSize[1], weights.size(1), outSize[0],
                outSize[1], kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], hasBias);
    }

    /** The backward passes wanted: both, or backward data (into dx) or backward weights alone. */
    private static void backward(ConvolutionPrimitives primitives, INDArray x, INDArray dy, INDArray weights,
                                 INDArray dx, INDArray weightGrad, INDArray biasGrad, boolean input,
                                 boolean parameters) {
        if (input && parameters) {
            primitives.backward(x, dy, weights, dx, weightGrad, biasGrad);
        } else if (input) {
            primitives.backwardData(dy, weights, dx);
        } else if (parameters) {
            primitives.backwardWeights(x, dy, weightGrad, biasGrad);
        }
    }

    /** DL4J applies the activation itself. */
    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return null;
    }

    private static boolean handles(INDArray input, INDArray weights, int[] dilation, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && dilation[0] == 1 && dilation[1] == 1
                && input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT;
    }

    private Geometry geometry(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad,
                              int[] outSize) {
        return new Geometry(false, input.size(0), input.size(1), input.size(2), input.size(3), weights.size(0),
                outSize[0], outSize[1], kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], hasBias);
    }
}
