package dev.jvmgan.convolution;

import dev.jvmgan.config.Precision;
import dev.jvmgan.onednn.OneDnn;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * A network's convolutions on the project's own oneDNN primitives ({@link ConvolutionPrimitives}): each
 * {@code ConvolutionLayer} and {@code Deconvolution2DLayer} computes its three passes there instead of in ND4J's
 * {@code conv2d}/{@code deconv2d} ops, in float32 ({@code train.precision: float32}, the default) or in bfloat16
 * ({@code train.precision: bf16}).
 *
 * <p>Float32: the same sums as ND4J's ops, which call oneDNN too, to float32 rounding (oneDNN may pick another
 * kernel and summation order). Why: M2.1's ops set up oneDNN afresh on every call and, in a backward pass, reorder
 * dL/dy into oneDNN's blocked layout once for each of its two primitives (DNNL_VERBOSE shows both); these primitives
 * are built once per layer and shape, and backward weights reads dL/dy where backward data put it. The default
 * DCGAN trained 1.09 times as fast at 28x28 and 1.16 times at 64x64 (README, Training loop changes).
 *
 * <p>bf16 mixed precision: the convolutions' inputs and weights rounded to bfloat16, while weights, their gradients,
 * the optimiser, batch norm, activations and losses stay float32, as PyTorch's CPU autocast does. Float32 master
 * weights need no loss scaling: bf16 has float32's exponent range.
 *
 * <p>Convolutions take DL4J's helper slot; transposed convolutions are driven by the training passes through
 * {@link #activate} and {@link #backprop} (a {@code MultiLayerNetwork}'s: a graph's transposed convolutions stay
 * float32).
 */
public final class OneDnnConvolutions {
    private static final Field HELPER = helperField();

    private OneDnnConvolutions() {
    }

    /**
     * Why the convolutions cannot run on these primitives at {@code precision} here (not the CPU backend, oneDNN's
     * preset missing, for bf16 no AVX512-BF16); empty if they can.
     */
    public static Optional<String> unavailable(Precision precision) {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        if (!backend.toLowerCase(java.util.Locale.ROOT).contains("cpu")) {
            return Optional.of("oneDNN's convolutions run on the CPU backend only, not " + backend);
        }
        return precision == Precision.BF16 ? OneDnn.bf16Unavailable() : OneDnn.unavailable();
    }

    /**
     * Puts the convolutions among {@code layers} on the primitives at {@code precision}: every float32
     * {@code ConvolutionLayer} (the class itself, not a subclass) and, with {@code transposed}, every
     * {@code Deconvolution2DLayer} that {@link #transposedHandles} accepts.
     *
     * @return how many layers it switched
     * @throws IllegalStateException if {@link #unavailable(Precision)} says why it cannot
     */
    public static int install(Precision precision, boolean transposed, Layer... layers) {
        unavailable(precision).ifPresent(problem -> {
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
                    HELPER.set(layer, new OneDnnConvolutionHelper(bias, LayerConvolutions.of(precision)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set DL4J's convolution helper", e);
                }
                switched++;
            }
        }
        return switched;
    }

    /**
     * {@link #install} on every layer of {@code model} where the primitives can run at {@code precision} here;
     * nothing where they cannot (0). Transposed convolutions only in a {@code MultiLayerNetwork}, whose passes the
     * seam runs.
     */
    public static int installWherePossible(Precision precision, Model model) {
        if (unavailable(precision).isPresent()) {
            return 0;
        }
        if (model instanceof MultiLayerNetwork net) {
            return install(precision, true, net.getLayers());
        }
        return install(precision, false, ((ComputationGraph) model).getLayers());
    }

    /** Whether a transposed convolution can take these primitives: NCHW, identity activation, no dropout or noise. */
    static boolean transposedHandles(Deconvolution2DLayer layer) {
        org.deeplearning4j.nn.conf.layers.Deconvolution2D conf =
                (org.deeplearning4j.nn.conf.layers.Deconvolution2D) layer.conf().getLayer();
        return layer.getClass() == Deconvolution2DLayer.class && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && conf.getActivationFn() instanceof ActivationIdentity && conf.getIDropout() == null
                && conf.getWeightNoise() == null && conf.getDilation()[0] == 1 && conf.getDilation()[1] == 1;
    }

    /**
     * {@code layer.activate(input, true, mgr)}, through the primitives for a transposed convolution {@link #install}
     * switched.
     */
    public static INDArray activate(Layer layer, INDArray input, LayerWorkspaceMgr mgr) {
        if (layer instanceof Deconvolution2DLayer d && d.getHelper() instanceof OneDnnConvolutionHelper helper
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
        if (layer instanceof Deconvolution2DLayer d && d.getHelper() instanceof OneDnnConvolutionHelper helper
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
        if (layer instanceof ConvolutionLayer c && c.getHelper() instanceof OneDnnConvolutionHelper helper) {
            helper.want(input, parameters);
        }
    }

    /** Whether {@link #install} switched this layer. */
    public static boolean switched(Layer layer) {
        return layer instanceof ConvolutionLayer c && c.getHelper() instanceof OneDnnConvolutionHelper;
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
