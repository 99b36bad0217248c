package dev.jvmgan.fastops;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The backward pass of DL4J's dense layer with the identity activation, without the forward pass DL4J runs again
 * inside it, and computing only the gradients asked for.
 *
 * <p>For z = x W + b (x [N, nIn], W [nIn, nOut]) and the identity, dL/dz = dL/dy = g, and
 * dL/db = sum over the batch of g, dL/dW = x^T g, dL/dx = g W^T. M2.1's {@code BaseLayer.backpropGradient}
 * first recomputes z (a matrix product as large as the forward pass, and a copy) only to hand it to the identity's
 * backward pass, which ignores it; and it always computes dL/dx, which the generator's first layer never needs
 * (its input is the latent batch). Here the same ops as DL4J's, in its order and into its gradient views, minus
 * those: the results are bitwise DL4J's ({@code DenseBackwardTest}).
 *
 * <p>Only the plain {@link DenseLayer} with the identity, no dropout, weight noise, layer norm or mask; every other
 * case runs DL4J's backward unchanged.
 */
public final class DenseBackward {
    private DenseBackward() {
    }

    /** Whether {@link #backprop} runs this layer's backward pass. */
    public static boolean handles(Layer layer) {
        if (layer.getClass() != DenseLayer.class || layer.getMaskArray() != null) {
            return false;
        }
        org.deeplearning4j.nn.conf.layers.DenseLayer conf =
                (org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer();
        return conf.getActivationFn() instanceof ActivationIdentity && conf.getIDropout() == null
                && conf.getWeightNoise() == null && !conf.hasLayerNorm();
    }

    /**
     * {@code layer.backpropGradient(epsilon, mgr)}, with dL/dx only if {@code wanted.input()} (else null) and the
     * parameter gradients only if {@code wanted.parameters()} (else the gradient views keep what they held and the
     * returned gradient is empty).
     */
    public static Pair<Gradient, INDArray> backprop(Layer layer, INDArray epsilon, LayerWorkspaceMgr mgr,
                                                   Wanted wanted) {
        INDArray input = layer.input();
        Gradient gradient = new DefaultGradient();
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (wanted.parameters()) {
            Map<String, INDArray> views = DefaultParamInitializer.getInstance()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
            boolean bias = ((org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer()).hasBias();
            if (bias) {
                INDArray biasGrad = views.get(DefaultParamInitializer.BIAS_KEY);
                epsilon.sum(biasGrad, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray weightGrad = views.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(input.castTo(weightGrad.dataType()), epsilon, weightGrad, true, false, 1.0, 0.0);
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        }
        INDArray inputGradient = null;
        if (wanted.input()) {
            inputGradient = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                    new long[] {weights.size(0), epsilon.size(0)}, 'f');
            inputGradient = weights.mmuli(epsilon.transpose(), inputGradient).transpose();
        }
        return new Pair<>(gradient, inputGradient);
    }
}
