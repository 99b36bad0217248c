package dev.jvmgan.fastops;

import dev.jvmgan.onednn.Contiguous;
import dev.jvmgan.onednn.OneDnn;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The passes of DL4J's {@link ActivationLayer} for ReLU, leaky ReLU and the functions oneDNN computes (ELU, GELU,
 * SiLU), writing the result straight into a new array instead of into a copy of the input.
 *
 * <p>M2.1's {@code ActivationLayer} copies its input before every forward and every backward pass (the activation
 * functions work in place), and the leaky ReLU then takes two more passes each way (the slope, then a multiply):
 * on the reference DCGAN these copies were a third of the "copies" row of {@code gan bench --profile}. Here:
 * <ul>
 *   <li>ReLU (DL4J's {@link ActivationReLU} with no cap, threshold or slope): forward, ND4J's {@code relu} from the
 *       input into the output (DL4J's op, its bits); backward, oneDNN's {@link EltwiseFunction#RELU}, one vectorised
 *       pass where M2.1's {@code relu_bp} calls a function per element (2.5 ms against PyTorch's 0.3 in the reference
 *       DCGAN's op table). Its values are {@code relu_bp}'s but where the network has already failed: an infinite or
 *       NaN dL/dy where x &lt;= 0, or a NaN x, gives NaN or dL/dy instead of 0; and a zero may carry dL/dy's sign.</li>
 *   <li>Leaky ReLU (a function marked {@link LeakyRelu}: the toolkit's {@code LeakyReluActivation}): forward, oneDNN's
 *       {@link EltwiseFunction#RELU} in one pass; backward, the slope into the output and a multiply by dL/dy there
 *       (DL4J's two passes without its copy; oneDNN's backward takes slope alpha at x = 0, DL4J's 1).</li>
 *   <li>A function marked {@link OneDnnFunction} (the toolkit's ELU, SELU, GELU and SiLU): oneDNN's pass each way (and
 *       SELU's scale), the same steps the function's own methods run, so the bits are those of DL4J's pass with that
 *       function.</li>
 * </ul>
 * Except for those zeros' signs and NaN, the results are DL4J's bits ({@code FastActivationTest}). Anything else
 * (other functions, dropout, a type other than float32, an input not contiguous in C order, oneDNN's preset missing
 * for leaky ReLU) is left to DL4J.
 */
public final class FastActivation {
    /**
     * An activation function that is leaky ReLU with this slope: y = x if x &gt; 0 else alpha x, and the slope of its
     * backward pass 1 where x &gt;= 0, else alpha (NaN included), as ND4J's {@code LeakyReLUDerivative} gives it.
     */
    public interface LeakyRelu extends IActivation {
        double getAlpha();
    }

    /**
     * An activation function that computes both its passes with one of oneDNN's element-wise functions whenever the
     * arrays allow ({@link EltwiseFunction#runsOn}), with this parameter.
     */
    public interface OneDnnFunction extends IActivation {
        EltwiseFunction eltwise();

        double eltwiseAlpha();

        /** y = scale f(x), and dL/dx scaled alike: SELU is lambda ELU(alpha). Applied as a second pass. */
        default double eltwiseScale() {
            return 1;
        }
    }

    private FastActivation() {
    }

    /** Whether {@link #forward} and {@link #backward} run this layer's pass on {@code x} (its input, or dL/dy). */
    public static boolean handles(Layer layer, INDArray x) {
        if (layer.getClass() != ActivationLayer.class || x == null || x.dataType() != DataType.FLOAT
                || !Contiguous.is(x) || x.offset() != x.data().offset()) {
            return false;
        }
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf.getIDropout() != null) {
            return false;
        }
        IActivation fn = ((org.deeplearning4j.nn.conf.layers.ActivationLayer) conf).getActivationFn();
        return plainRelu(fn) || (slope(fn) != null || fn instanceof OneDnnFunction) && OneDnn.unavailable().isEmpty();
    }

    /** The layer's output on {@code x}, in a new array of {@code mgr}'s activations, as {@code layer.activate}. */
    public static INDArray forward(Layer layer, INDArray x, LayerWorkspaceMgr mgr) {
        layer.setInput(x, mgr);
        INDArray y = mgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        IActivation fn = function(layer);
        if (plainRelu(fn)) {
            Nd4j.getExecutioner().exec(new RectifiedLinear(x, y));
        } else if (fn instanceof OneDnnFunction f) {
            f.eltwise().forward(f.eltwiseAlpha(), x, y);
            scale(f, y);
        } else {
            EltwiseFunction.RELU.forward(slope(fn), x, y);
        }
        return y;
    }

    /**
     * dL/dx for the layer's last input ({@link #forward} or DL4J's own pass set it) and dL/dy, as
     * {@code layer.backpropGradient}: no parameter gradients.
     */
    public static Pair<Gradient, INDArray> backward(Layer layer, INDArray dy, LayerWorkspaceMgr mgr) {
        INDArray x = layer.input();
        if (!handles(layer, x)) {
            return layer.backpropGradient(dy, mgr);
        }
        INDArray plainDy = Contiguous.is(dy) && dy.offset() == dy.data().offset() ? dy : dy.dup('c');
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        IActivation fn = function(layer);
        if (fn instanceof OneDnnFunction f) {
            f.eltwise().backward(f.eltwiseAlpha(), x, plainDy, dx);
            scale(f, dx);
        } else if (plainRelu(fn) && OneDnn.unavailable().isEmpty()) {
            EltwiseFunction.RELU.backward(0.0, x, plainDy, dx);
        } else if (plainRelu(fn)) {
            Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(x, plainDy, dx, 0.0));
        } else {
            // Slope 1 where x >= 0 (DL4J's choice at 0; oneDNN's backward takes alpha there), then times dL/dy.
            Nd4j.getExecutioner().exec(new LeakyReLUDerivative(x, dx, slope(fn)));
            dx.muli(plainDy);
        }
        return new Pair<>(new DefaultGradient(), dx);
    }

    /** Multiplies by the function's scale, if it has one, as its own methods do ({@link OneDnnFunction}). */
    public static void scale(OneDnnFunction f, INDArray array) {
        if (f.eltwiseScale() != 1) {
            array.muli(f.eltwiseScale());
        }
    }

    private static IActivation function(Layer layer) {
        return ((org.deeplearning4j.nn.conf.layers.ActivationLayer) layer.conf().getLayer()).getActivationFn();
    }

    /** DL4J's ReLU as {@code new ActivationReLU()} makes it: max(0, x), no cap, threshold or negative slope. */
    private static boolean plainRelu(IActivation fn) {
        return fn instanceof ActivationReLU relu && fn.getClass() == ActivationReLU.class && relu.getMax() == null
                && relu.getThreshold() == null && relu.getNegativeSlope() == null;
    }

    /**
     * The slope of a leaky ReLU marked {@link LeakyRelu}, else null. DL4J's own {@link ActivationLReLU} is left to
     * DL4J: its backward op takes slope 1 at x = NaN, where the derivative op used here takes alpha.
     */
    private static Double slope(IActivation fn) {
        return fn instanceof LeakyRelu leaky ? leaky.getAlpha() : null;
    }
}
