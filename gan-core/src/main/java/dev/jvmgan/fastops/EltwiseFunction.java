package dev.jvmgan.fastops;

import dev.jvmgan.onednn.Contiguous;
import dev.jvmgan.onednn.OneDnn;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * The element-wise functions the toolkit runs through oneDNN, each pass one vectorised sweep over float32 memory
 * (oneDNN's {@code eltwise} primitive; its formulas, with s the input and dd = dL/dy):
 * <ul>
 *   <li>{@link #RELU}: y = s if s &gt; 0 else alpha s; dL/dx = dd if s &gt; 0 else alpha dd;</li>
 *   <li>{@link #ELU}: y = s if s &gt; 0 else alpha (exp(s) - 1); dL/dx = dd if s &gt; 0 else dd alpha exp(s), but
 *       oneDNN takes the slope alpha up to s of about 6e-8, where exp(s) rounds to 1 in float (ND4J's {@code elu_bp}
 *       1 from s = 0 on): the same at the default alpha 1;</li>
 *   <li>{@link #GELU_ERF}: y = s Phi(s), Phi(s) = (1 + erf(s / sqrt 2)) / 2; dL/dx = dd (Phi(s) + s phi(s)),
 *       phi(s) = exp(-s^2 / 2) / sqrt(2 pi);</li>
 *   <li>{@link #SWISH}: y = s sigmoid(alpha s); dL/dx = dd (g + alpha s g (1 - g)), g = sigmoid(alpha s)
 *       (SiLU at alpha = 1).</li>
 * </ul>
 * oneDNN evaluates exp and erf with its own vectorised polynomials, so ELU, GELU and SiLU differ from ND4J's
 * element-wise ops in the last bits ({@code EltwiseFunctionTest} bounds by how much against the formulas in double
 * precision); ReLU's are exact.
 */
public enum EltwiseFunction {
    RELU(dnnl_eltwise_relu),
    ELU(dnnl_eltwise_elu),
    GELU_ERF(dnnl_eltwise_gelu_erf),
    SWISH(dnnl_eltwise_swish);

    private static final ThreadLocal<Map<List<Object>, Eltwise>> PRIMITIVES = ThreadLocal.withInitial(HashMap::new);

    private final int algorithm;

    EltwiseFunction(int algorithm) {
        this.algorithm = algorithm;
    }

    int algorithm() {
        return algorithm;
    }

    /**
     * Whether oneDNN can take these arrays: it loaded here, and each is float32, contiguous in C order from its
     * buffer's start, and as long as the first.
     */
    public static boolean runsOn(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a == null || a.dataType() != DataType.FLOAT || !Contiguous.is(a) || a.offset() != a.data().offset()
                    || a.length() != arrays[0].length()) {
                return false;
            }
        }
        return OneDnn.unavailable().isEmpty();
    }

    /** y = f(x) with parameter alpha; y may be x. The arrays must pass {@link #runsOn}. */
    public void forward(double alpha, INDArray x, INDArray y) {
        primitives(x.length(), alpha).forward(x, y);
    }

    /** dL/dx from x and dL/dy with parameter alpha; dx may be dy, not x. The arrays must pass {@link #runsOn}. */
    public void backward(double alpha, INDArray x, INDArray dy, INDArray dx) {
        primitives(x.length(), alpha).backward(x, dy, dx);
    }

    /**
     * An activation function's forward pass (DL4J's contract: {@code in} is the caller's copy and becomes the
     * result): f(in) into {@code in} if oneDNN {@link #runsOn} it, returning whether it did.
     */
    public boolean activateInPlace(double alpha, INDArray in) {
        if (!runsOn(in)) {
            return false;
        }
        forward(alpha, in, in);
        return true;
    }

    /**
     * An activation function's backward pass (DL4J's contract: {@code in} is the caller's copy of x and becomes
     * dL/dx): dL/dx into {@code in} through a scratch array if oneDNN {@link #runsOn} both, returning whether it did.
     */
    public boolean backpropInPlace(double alpha, INDArray in, INDArray epsilon) {
        if (!runsOn(in, epsilon)) {
            return false;
        }
        INDArray dx = ThreadScratch.like(in);
        backward(alpha, in, epsilon, dx);
        in.assign(dx);
        return true;
    }

    private Eltwise primitives(long length, double alpha) {
        return PRIMITIVES.get().computeIfAbsent(List.of(this, length, alpha), k -> new Eltwise(length, this, alpha));
    }
}
