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
 * oneDNN's leaky ReLU forward ({@code eltwise_relu} with slope alpha) for one length of float32 data, one pass over
 * memory from the caller's contiguous input into its output: y = x if x &gt; 0 else alpha x.
 *
 * <p>That is DL4J's formula with the same single rounding of alpha x in float, so y is bitwise
 * {@code LeakyReluActivation}'s: the negative branch at x = 0 and -0 (alpha 0 = 0, alpha (-0) = -0), NaN propagates.
 * Not the backward pass: oneDNN takes slope alpha at x = 0, where DL4J's derivative takes 1.
 *
 * <p>Not thread-safe: one instance per length and alpha, used on one thread.
 */
final class LeakyReluForward {
    private final long length;
    private final dnnl_primitive forward;
    private final dnnl_memory src, dst;
    private final dnnl_exec_arg_t args;
    private final OneDnn.Address address = new OneDnn.Address(0);

    LeakyReluForward(long length, double alpha) {
        this.length = length;
        // Any shape is a flat run of floats to an element-wise op.
        dnnl_memory_desc_t data = OneDnn.desc(new long[] {length}, dnnl_f32, dnnl_x);
        dnnl_eltwise_desc_t desc = new dnnl_eltwise_desc_t();
        OneDnn.check(dnnl_eltwise_forward_desc_init(desc, dnnl_forward_training, dnnl_eltwise_relu, data,
                (float) alpha, 0f), "leaky ReLU forward");
        dnnl_primitive_desc pd = OneDnn.primitiveDesc(desc, null, "leaky ReLU forward descriptor " + this);
        forward = OneDnn.primitive(pd, "leaky ReLU forward");
        dnnl_primitive_desc_destroy(pd);
        src = OneDnn.memory(data, OneDnn.NONE);
        dst = OneDnn.memory(data, OneDnn.NONE);
        args = OneDnn.args(DNNL_ARG_SRC, src, DNNL_ARG_DST, dst);
    }

    @Override
    public String toString() {
        return "leaky ReLU of " + length + " floats";
    }

    /** y = leaky ReLU(x); both contiguous in C order, of this length. */
    void run(INDArray x, INDArray y) {
        bind(src, x);
        bind(dst, y);
        OneDnn.execute(forward, args, "leaky ReLU forward", this);
    }

    private void bind(dnnl_memory memory, INDArray array) {
        address.set(OneDnn.address(array));
        OneDnn.check(dnnl_memory_set_data_handle(memory, address), "leaky ReLU buffer");
    }
}
