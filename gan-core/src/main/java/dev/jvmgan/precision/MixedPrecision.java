package dev.jvmgan.precision;

import dev.jvmgan.onednn.OneDnn;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * bf16 mixed precision for a network's convolutions ({@code train.precision: bf16-mixed}): each
 * {@code ConvolutionLayer} and {@code Deconvolution2DLayer} computes its three passes in bfloat16 through oneDNN
 * ({@link ConvolutionPrimitives}), while weights, their gradients, the optimiser, batch norm, activations and losses
 * stay float32, as PyTorch's CPU autocast does. Float32 master weights need no loss scaling: bf16 has float32's
 * exponent range.
 *
 * <p>Convolutions take DL4J's helper slot; transposed convolutions are driven by the training passes through
 * {@link #activate} and {@link #backprop} (a {@code MultiLayerNetwork}'s: a graph's transposed convolutions stay
 * float32).
 */
public final class MixedPrecision {
    private static final Field HELPER = helperField();

    private MixedPrecision() {
    }

    /** Why bf16 mixed precision cannot run here (no AVX512-BF16, not the CPU backend); empty if it can. */
    public static Optional<String> unavailable() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        if (!backend.toLowerCase(java.util.Locale.ROOT).contains("cpu")) {
            return Optional.of("bf16 mixed precision runs on the CPU backend only, not " + backend);
        }
        return OneDnn.bf16Unavailable();
    }

    /**
     * Puts the convolutions among {@code layers} on bf16: every float32 {@code ConvolutionLayer} (the class itself,
     * not a subclass) and, with {@code transposed}, every {@code Deconvolution2DLayer} that {@link #transposedHandles}
     * accepts.
     *
     * @return how many layers it switched
     * @throws IllegalStateException if {@link #unavailable()} says why it cannot
     */
    public static int install(boolean transposed, Layer... layers) {
        unavailable().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        int switched = 0;
        for (Layer layer : layers) {
            boolean convolution = layer.getClass() == ConvolutionLayer.class;
            boolean deconvolution = transposed && layer instanceof Deconvolution2DLayer d && transposedHandles(d);
            if ((convolution || deconvolution) && layer.getParam("W").dataType() == DataType.FLOAT) {
                boolean bias = ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.conf().getLayer())
                        .hasBias();
                try {
                    HELPER.set(layer, new Bf16ConvolutionHelper(bias, LayerConvolutions.bf16()));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set DL4J's convolution helper", e);
                }
                switched++;
            }
        }
        return switched;
    }

    /** Whether a transposed convolution can take the bf16 path: NCHW, identity activation, no dropout or noise. */
    static boolean transposedHandles(Deconvolution2DLayer layer) {
        org.deeplearning4j.nn.conf.layers.Deconvolution2D conf =
                (org.deeplearning4j.nn.conf.layers.Deconvolution2D) layer.conf().getLayer();
        return layer.getClass() == Deconvolution2DLayer.class && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && conf.getActivationFn() instanceof ActivationIdentity && conf.getIDropout() == null
                && conf.getWeightNoise() == null && conf.getDilation()[0] == 1 && conf.getDilation()[1] == 1;
    }

    /** {@code layer.activate(input, true, mgr)}, through bf16 for a transposed convolution {@link #install} switched. */
    public static INDArray activate(Layer layer, INDArray input, LayerWorkspaceMgr mgr) {
        if (layer instanceof Deconvolution2DLayer d && d.getHelper() instanceof Bf16ConvolutionHelper helper
                && input.dataType() == DataType.FLOAT) {
            return helper.transposedForward(d, input, mgr);
        }
        return layer.activate(input, true, mgr);
    }

    /**
     * The backward pass of a transposed convolution {@link #install} switched, as
     * {@code layer.backpropGradient(epsilon, mgr)}; null for any other layer (the caller runs its own).
     */
    public static Pair<Gradient, INDArray> backprop(Layer layer, INDArray epsilon, LayerWorkspaceMgr mgr) {
        return backprop(layer, epsilon, mgr, true, true);
    }

    /**
     * {@link #backprop(Layer, INDArray, LayerWorkspaceMgr)} computing dL/d(input) only if {@code input} (else it
     * returns null for it) and the weight and bias gradients only if {@code parameters} (else the gradient views keep
     * what they held).
     */
    public static Pair<Gradient, INDArray> backprop(Layer layer, INDArray epsilon, LayerWorkspaceMgr mgr,
                                                    boolean input, boolean parameters) {
        if (layer instanceof Deconvolution2DLayer d && d.getHelper() instanceof Bf16ConvolutionHelper helper
                && epsilon.dataType() == DataType.FLOAT) {
            return helper.transposedBackward(d, epsilon, mgr, input, parameters);
        }
        return null;
    }

    /**
     * Which gradients the next backward passes of a convolution {@link #install} switched compute: dL/d(input) only
     * if {@code input} (else DL4J's pass returns null for it), the weight and bias gradients only if
     * {@code parameters} (else the gradient views keep what they held). No effect on any other layer. Set it back to
     * both after the pass.
     */
    public static void want(Layer layer, boolean input, boolean parameters) {
        if (layer instanceof ConvolutionLayer c && c.getHelper() instanceof Bf16ConvolutionHelper helper) {
            helper.want(input, parameters);
        }
    }

    /** Whether {@link #install} switched this layer. */
    public static boolean switched(Layer layer) {
        return layer instanceof ConvolutionLayer c && c.getHelper() instanceof Bf16ConvolutionHelper;
    }

    private static Field helperField() {
        try {
            Field field = ConvolutionLayer.class.getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
