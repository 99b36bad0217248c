package dev.jvmgan.fastops;

import dev.jvmgan.convolution.OneDnnConvolutions;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Backward passes of DL4J's convolution and transposed-convolution layers without the forward pass DL4J runs again
 * inside them.
 *
 * <p>M2.1's {@code ConvolutionLayer.backpropGradient} and {@code Deconvolution2DLayer.backpropGradient} first
 * recompute the layer's pre-activation z = W * x + b, only to hand it to the activation's backward pass,
 * dL/dz = act'(z) dL/da. With the identity activation (every convolution of the built-in DCGANs: batch norm and the
 * activation are layers of their own), dL/dz = dL/da and z is not needed at all, so the recomputation is a whole
 * second forward convolution per layer and backward pass: on the 64x64 DCGAN, half of the discriminator's and the
 * generator's convolution forward time.
 * <ul>
 *   <li><b>Convolution</b> with a helper (oneDNN, cuDNN): DL4J's own backward runs, with the layer's cached
 *       pre-output set to the forward pass's output, which its helper path returns instead of recomputing.</li>
 *   <li><b>Transposed convolution</b>, NCHW, no weight noise: the same {@code deconv2d_bp} op DL4J's backward calls,
 *       with the same arguments, given dL/da as dL/dz.</li>
 * </ul>
 * A dense layer with the identity goes to {@link DenseBackward}, which skips the same recomputation.
 * Everything else (other activations or data formats, weight noise, subclasses) runs DL4J's backward unchanged. The
 * results are bitwise DL4J's ({@code ConvolutionBackwardTest}). A transposed convolution switched to the project's
 * oneDNN primitives ({@link OneDnnConvolutions}, the default on the CPU backend) takes that path instead.
 */
public final class ConvolutionBackward {
    private ConvolutionBackward() {
    }

    /** Whether {@link #backprop} skips the forward recomputation for this layer. */
    public static boolean skipsRecomputation(Layer layer) {
        if (DenseBackward.handles(layer)) {
            return true;
        }
        if (layer.getClass() == ConvolutionLayer.class) {
            return identity(layer) && ((ConvolutionLayer) layer).getHelper() != null;
        }
        if (layer.getClass() == Deconvolution2DLayer.class) {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = conf(layer);
            return identity(layer) && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW && conf.getWeightNoise() == null;
        }
        return false;
    }

    /**
     * {@code layer.backpropGradient(epsilon, mgr)}, without recomputing the forward pass where
     * {@link #skipsRecomputation} says so.
     *
     * @param output the layer's output from the forward pass this backward pass belongs to
     */
    public static Pair<Gradient, INDArray> backprop(Layer layer, INDArray output, INDArray epsilon,
                                                   LayerWorkspaceMgr mgr) {
        return backprop(layer, output, epsilon, mgr, Wanted.ALL);
    }

    /**
     * {@link #backprop(Layer, INDArray, INDArray, LayerWorkspaceMgr)} for a caller that wants only some of the
     * gradients: a convolution then skips the pass for the others (on {@link OneDnnConvolutions}: oneDNN's
     * backward-data or backward-weights primitive alone; on ND4J's ops: {@link InputGradientConvolution} for dL/dx
     * alone). What is computed is what the full pass computes. Other layers, and cases these do not cover, run the
     * full pass.
     */
    public static Pair<Gradient, INDArray> backprop(Layer layer, INDArray output, INDArray epsilon,
                                                   LayerWorkspaceMgr mgr, Wanted wanted) {
        if (DenseBackward.handles(layer)) {
            return DenseBackward.backprop(layer, epsilon, mgr, wanted);
        }
        boolean partial = wanted != Wanted.ALL && layer.conf() != null
                && layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer c
                && c.getIDropout() == null;
        Pair<Gradient, INDArray> onPrimitives = OneDnnConvolutions.backprop(layer, epsilon, mgr,
                !partial || wanted.input(), !partial || wanted.parameters());
        if (onPrimitives != null) {
            return onPrimitives;
        }
        if (partial && wanted == Wanted.INPUT && !OneDnnConvolutions.switched(layer)) {
            INDArray inputGradient = InputGradientConvolution.of(layer, epsilon, mgr);
            if (inputGradient != null) {
                return new Pair<>(new DefaultGradient(), inputGradient);
            }
        }
        if (output == null || !skipsRecomputation(layer)) {
            return layer.backpropGradient(epsilon, mgr);
        }
        if (layer instanceof Deconvolution2DLayer) {
            return deconvolution(layer, epsilon, mgr);
        }
        ConvolutionLayer convolution = (ConvolutionLayer) layer;
        // The helper path returns it as z; the identity's backward pass only checks its shape.
        convolution.setPreOutput(output);
        OneDnnConvolutions.want(layer, !partial || wanted.input(), !partial || wanted.parameters());
        try {
            return layer.backpropGradient(epsilon, mgr);
        } finally {
            OneDnnConvolutions.want(layer, true, true);
            convolution.setPreOutput(null);
        }
    }

    /**
     * {@code vertex.doBackward(false, mgr)}, without recomputing the forward pass where the vertex is a layer without
     * a preprocessor that {@link #skipsRecomputation} accepts (a {@link LayerVertex} then only calls the layer's
     * backward pass with the vertex's epsilon).
     *
     * @param output the vertex's output from the forward pass this backward pass belongs to
     */
    public static Pair<Gradient, INDArray[]> backprop(GraphVertex vertex, INDArray output, LayerWorkspaceMgr mgr) {
        return backprop(vertex, output, mgr, Wanted.ALL);
    }

    /**
     * {@link #backprop(GraphVertex, INDArray, LayerWorkspaceMgr)} for a caller that wants only some of the gradients,
     * as {@link #backprop(Layer, INDArray, INDArray, LayerWorkspaceMgr, Wanted)}.
     */
    public static Pair<Gradient, INDArray[]> backprop(GraphVertex vertex, INDArray output, LayerWorkspaceMgr mgr,
                                                      Wanted wanted) {
        if (output != null && vertex instanceof LayerVertex layerVertex && layerVertex.getLayerPreProcessor() == null
                && skipsRecomputation(layerVertex.getLayer())) {
            Pair<Gradient, INDArray> step = backprop(layerVertex.getLayer(), output, layerVertex.getEpsilon(), mgr,
                    wanted);
            return new Pair<>(step.getFirst(), new INDArray[] {step.getSecond()});
        }
        return vertex.doBackward(false, mgr);
    }

    /**
     * M2.1's {@code Deconvolution2DLayer.backpropGradient} for NCHW without weight noise, with dL/dz = epsilon: the
     * op {@code deconv2d_bp} with inputs (x, W permuted to [kH, kW, out, in], b, dL/dz) and outputs (dL/dx, dL/dW
     * permuted alike, dL/db), written into the layer's gradient views.
     */
    private static Pair<Gradient, INDArray> deconvolution(Layer layer, INDArray epsilon, LayerWorkspaceMgr mgr) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = conf(layer);
        INDArray input = layer.input();
        INDArray weights = layer.getParam(DeconvolutionParamInitializer.WEIGHT_KEY);
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int[] inSize = {(int) input.size(2), (int) input.size(3)};
        int[] pad = same
                ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) epsilon.size(2), (int) epsilon.size(3)},
                        inSize, kernel, strides, dilation)
                : conf.getPadding();
        Map<String, INDArray> views = DeconvolutionParamInitializer.getInstance()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        INDArray weightGrad = views.get(DeconvolutionParamInitializer.WEIGHT_KEY);
        INDArray epsilonOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, weights.dataType(),
                new long[] {input.size(0), weights.size(0), inSize[0], inSize[1]}, 'c');
        int[] args = {(int) weights.size(2), (int) weights.size(3), strides[0], strides[1], pad[0], pad[1],
                dilation[0], dilation[1], same ? 1 : 0, 0};
        INDArray[] inputs;
        INDArray[] outputs;
        if (conf.hasBias()) {
            inputs = new INDArray[] {input, weights.permute(2, 3, 1, 0),
                    layer.getParam(DeconvolutionParamInitializer.BIAS_KEY), epsilon};
            outputs = new INDArray[] {epsilonOut, weightGrad.permute(2, 3, 1, 0),
                    views.get(DeconvolutionParamInitializer.BIAS_KEY)};
        } else {
            inputs = new INDArray[] {input, weights.permute(2, 3, 1, 0), epsilon};
            outputs = new INDArray[] {epsilonOut, weightGrad.permute(2, 3, 1, 0)};
        }
        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("deconv2d_bp").addInputs(inputs)
                .addIntegerArguments(args).addOutputs(outputs).callInplace(false).build());
        Gradient gradient = new DefaultGradient();
        if (conf.hasBias()) {
            gradient.setGradientFor(DeconvolutionParamInitializer.BIAS_KEY,
                    views.get(DeconvolutionParamInitializer.BIAS_KEY));
        }
        gradient.setGradientFor(DeconvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        return new Pair<>(gradient, epsilonOut);
    }

    private static boolean identity(Layer layer) {
        return conf(layer).getActivationFn() instanceof ActivationIdentity;
    }

    private static org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf(Layer layer) {
        return (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.conf().getLayer();
    }
}
