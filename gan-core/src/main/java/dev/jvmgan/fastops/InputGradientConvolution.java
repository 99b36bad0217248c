package dev.jvmgan.fastops;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 convolution's input gradient without its weight gradient, which DL4J's {@code conv2d_bp} always computes
 * as well.
 *
 * <p>For y = conv(x, W) with stride s and padding pad (no bias term reaches x), dL/dx[n,c,h,w] = sum over o, i, j, p,
 * q with i*s + p - pad = h and j*s + q - pad = w of dL/dy[n,o,i,j] * W[o,c,p,q]: the transposed convolution of dL/dy
 * with the same weights, which is ND4J's {@code deconv2d} (run by oneDNN as a backward-data convolution) with W,
 * [out, in, kH, kW], read as a transposed convolution's [in, out, kH, kW] weights. It applies where the transposed
 * convolution's output size, (outH - 1) * s + kH - 2 * pad, is x's own: an identity activation (dL/dz = dL/dy), NCHW,
 * no dilation, dropout or weight noise, explicit padding. Anything else returns null and the caller runs the full
 * backward pass.
 */
final class InputGradientConvolution {
    private InputGradientConvolution() {
    }

    /** dL/dx of {@code layer}'s last forward pass, or null where this does not apply. */
    static INDArray of(Layer layer, INDArray epsilon, LayerWorkspaceMgr mgr) {
        if (layer.getClass() != ConvolutionLayer.class) {
            return null;
        }
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf =
                (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.conf().getLayer();
        INDArray input = layer.input();
        INDArray weights = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        if (input == null || !(conf.getActivationFn() instanceof ActivationIdentity)
                || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW || conf.getIDropout() != null
                || conf.getWeightNoise() != null || conf.getConvolutionMode() == ConvolutionMode.Same
                || conf.getDilation()[0] != 1 || conf.getDilation()[1] != 1 || input.dataType() != DataType.FLOAT
                || weights.dataType() != DataType.FLOAT || epsilon.dataType() != DataType.FLOAT) {
            return null;
        }
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        int[] pad = conf.getPadding();
        if ((epsilon.size(2) - 1) * strides[0] + kernel[0] - 2L * pad[0] != input.size(2)
                || (epsilon.size(3) - 1) * strides[1] + kernel[1] - 2L * pad[1] != input.size(3)) {
            return null;
        }
        INDArray inputGradient = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        int[] args = {kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], 1, 1, 0, 0};
        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(epsilon, weights.permute(2, 3, 1, 0)).addIntegerArguments(args)
                .addOutputs(inputGradient).callInplace(false).build());
        return inputGradient;
    }
}
