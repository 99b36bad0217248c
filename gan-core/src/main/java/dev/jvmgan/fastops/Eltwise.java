package dev.jvmgan.fastops;

import dev.jvmgan.onednn.OneDnn;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * One of oneDNN's element-wise functions ({@link EltwiseFunction}) with its parameter, for one length of float32
 * data: each pass one vectorised sweep over memory on the caller's contiguous arrays. For ReLU:
 * <ul>
 *   <li>forward: y = x if x &gt; 0 else alpha x, alpha x rounded once in float as in DL4J, so y is bitwise
 *       {@code LeakyReluActivation}'s (the negative branch at x = 0 and -0; NaN propagates);</li>
 *   <li>backward: dL/dx = dL/dy if x &gt; 0 else alpha dL/dy. With alpha = 0 that is ND4J's {@code relu_bp}, x &gt; 0 ?
 *       dL/dy : 0, in value, but for three cases: where x &lt;= 0 oneDNN multiplies, so a zero takes the sign of
 *       dL/dy and an infinite or NaN dL/dy gives NaN where {@code relu_bp} gives 0; and where x is NaN it passes
 *       dL/dy (its compare is unordered) where {@code relu_bp} gives 0. For alpha &gt; 0 it is not DL4J's leaky
 *       derivative, which takes slope 1 at x = 0.</li>
 * </ul>
 * The other functions' formulas are {@link EltwiseFunction}'s.
 *
 * <p>Not thread-safe: one instance per function, parameter and length, used on one thread.
 */
final class Eltwise {
    private final long length;
    private final EltwiseFunction function;
    private final dnnl_primitive forward;
    private final dnnl_primitive backward;
    private final dnnl_memory src, dst, diffDst, diffSrc;
    private final dnnl_exec_arg_t forwardArgs, backwardArgs;
    private final OneDnn.Address address = new OneDnn.Address(0);

    Eltwise(long length, EltwiseFunction function, double alpha) {
        this.length = length;
        this.function = function;
        // Any shape is a flat run of floats to an element-wise op.
        dnnl_memory_desc_t data = OneDnn.desc(new long[] {length}, dnnl_f32, dnnl_x);
        dnnl_eltwise_desc_t fd = new dnnl_eltwise_desc_t();
        OneDnn.check(dnnl_eltwise_forward_desc_init(fd, dnnl_forward_training, function.algorithm(), data,
                (float) alpha, 0f), function + " forward");
        dnnl_primitive_desc fpd = OneDnn.primitiveDesc(fd, null, "forward descriptor of " + this);
        dnnl_eltwise_desc_t bd = new dnnl_eltwise_desc_t();
        OneDnn.check(dnnl_eltwise_backward_desc_init(bd, function.algorithm(), data, data, (float) alpha, 0f),
                function + " backward");
        dnnl_primitive_desc bpd = OneDnn.primitiveDesc(bd, fpd, "backward descriptor of " + this);
        forward = OneDnn.primitive(fpd, function + " forward");
        backward = OneDnn.primitive(bpd, function + " backward");
        dnnl_primitive_desc_destroy(fpd);
        dnnl_primitive_desc_destroy(bpd);
        src = OneDnn.memory(data, OneDnn.NONE);
        dst = OneDnn.memory(data, OneDnn.NONE);
        diffDst = OneDnn.memory(data, OneDnn.NONE);
        diffSrc = OneDnn.memory(data, OneDnn.NONE);
        forwardArgs = OneDnn.args(DNNL_ARG_SRC, src, DNNL_ARG_DST, dst);
        backwardArgs = OneDnn.args(DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_SRC, diffSrc);
    }

    @Override
    public String toString() {
        return function + " of " + length + " floats";
    }

    /** y from x; both contiguous in C order, of this length; y may be x. */
    void forward(INDArray x, INDArray y) {
        bind(src, x);
        bind(dst, y);
        OneDnn.execute(forward, forwardArgs, function + " forward", this);
    }

    /** dL/dx from x and dL/dy; all contiguous in C order, of this length; dx may be dy, not x. */
    void backward(INDArray x, INDArray dy, INDArray dx) {
        bind(src, x);
        bind(diffDst, dy);
        bind(diffSrc, dx);
        OneDnn.execute(backward, backwardArgs, function + " backward", this);
    }

    private void bind(dnnl_memory memory, INDArray array) {
        OneDnn.bind(memory, address, array, function + " buffer");
    }
}
