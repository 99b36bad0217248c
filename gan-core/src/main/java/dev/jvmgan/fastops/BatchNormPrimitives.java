package dev.jvmgan.fastops;

import dev.jvmgan.onednn.OneDnn;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * oneDNN's training-mode batch normalisation for one float32 shape, on the caller's arrays in place (no copies): NCHW,
 * or [N, C] for a dense layer's output, which oneDNN walks along its contiguous channels.
 *
 * <p>Forward, per channel c over its M = N x H x W values: mu = (1/M) sum x, var = (1/M) sum (x - mu)^2 (biased),
 * y = gamma (x - mu) / sqrt(var + eps) + beta, writing y, mu and var. Backward, with g = dL/dy and
 * x^ = (x - mu) / sqrt(var + eps): dL/dbeta = sum g, dL/dgamma = sum g x^, dL/dx = gamma / sqrt(var + eps)
 * (g - dL/dbeta / M - x^ dL/dgamma / M), the statistics' dependence on x included.
 *
 * <p>Not thread-safe: one instance per layer and shape, used on the training thread.
 */
final class BatchNormPrimitives {
    private final long[] dims;
    private final dnnl_primitive forward;
    private final dnnl_primitive backward;
    private final dnnl_memory src, dst, mean, variance, scale, shift, diffDst, diffSrc, diffScale, diffShift;
    private final dnnl_exec_arg_t forwardArgs, backwardArgs;
    private final OneDnn.Address address = new OneDnn.Address(0);

    /** @param dims [N, C, H, W] for NCHW data, [N, C] for a dense layer's */
    BatchNormPrimitives(long[] dims, double eps) {
        this.dims = dims.clone();
        // [N, C] is [N, C, 1, 1] in NHWC, the layout oneDNN's vectorised kernels walk along the channels.
        dnnl_memory_desc_t data = dims.length == 2
                ? OneDnn.desc(new long[] {dims[0], dims[1], 1, 1}, dnnl_f32, dnnl_nhwc)
                : OneDnn.desc(dims, dnnl_f32, dnnl_nchw);
        dnnl_memory_desc_t channels = OneDnn.desc(new long[] {dims[1]}, dnnl_f32, dnnl_x);
        int flags = dnnl_use_scale | dnnl_use_shift;
        dnnl_batch_normalization_desc_t fd = new dnnl_batch_normalization_desc_t();
        OneDnn.check(dnnl_batch_normalization_forward_desc_init(fd, dnnl_forward_training, data, (float) eps, flags),
                "batch norm forward");
        dnnl_primitive_desc fpd = OneDnn.primitiveDesc(fd, null, "batch norm forward descriptor " + shape());
        dnnl_batch_normalization_desc_t bd = new dnnl_batch_normalization_desc_t();
        OneDnn.check(dnnl_batch_normalization_backward_desc_init(bd, dnnl_backward, data, data, (float) eps, flags),
                "batch norm backward");
        dnnl_primitive_desc bpd = OneDnn.primitiveDesc(bd, fpd, "batch norm backward descriptor " + shape());
        forward = OneDnn.primitive(fpd, "batch norm forward");
        backward = OneDnn.primitive(bpd, "batch norm backward");
        dnnl_primitive_desc_destroy(fpd);
        dnnl_primitive_desc_destroy(bpd);
        src = OneDnn.memory(data, OneDnn.NONE);
        dst = OneDnn.memory(data, OneDnn.NONE);
        diffDst = OneDnn.memory(data, OneDnn.NONE);
        diffSrc = OneDnn.memory(data, OneDnn.NONE);
        mean = OneDnn.memory(channels, OneDnn.NONE);
        variance = OneDnn.memory(channels, OneDnn.NONE);
        scale = OneDnn.memory(channels, OneDnn.NONE);
        shift = OneDnn.memory(channels, OneDnn.NONE);
        diffScale = OneDnn.memory(channels, OneDnn.NONE);
        diffShift = OneDnn.memory(channels, OneDnn.NONE);
        forwardArgs = OneDnn.args(DNNL_ARG_SRC, src, DNNL_ARG_SCALE, scale, DNNL_ARG_SHIFT, shift, DNNL_ARG_DST, dst,
                DNNL_ARG_MEAN, mean, DNNL_ARG_VARIANCE, variance);
        backwardArgs = OneDnn.args(DNNL_ARG_SRC, src, DNNL_ARG_MEAN, mean, DNNL_ARG_VARIANCE, variance,
                DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_SCALE, scale, DNNL_ARG_SHIFT, shift, DNNL_ARG_DIFF_SRC, diffSrc,
                DNNL_ARG_DIFF_SCALE, diffScale, DNNL_ARG_DIFF_SHIFT, diffShift);
    }

    private String shape() {
        return Arrays.toString(dims);
    }

    @Override
    public String toString() {
        return "batch norm of shape " + shape();
    }

    /** y, and the batch's mean and biased variance per channel, from x, gamma and beta (all contiguous). */
    void forward(INDArray x, INDArray gamma, INDArray beta, INDArray y, INDArray batchMean, INDArray batchVar) {
        bind(src, x);
        bind(scale, gamma);
        bind(shift, beta);
        bind(dst, y);
        bind(mean, batchMean);
        bind(variance, batchVar);
        OneDnn.execute(forward, forwardArgs, "batch norm forward", this);
    }

    /**
     * dL/dx, dL/dgamma and dL/dbeta from x, dL/dy, gamma and the forward pass's mean and variance (oneDNN 2.5 asks
     * for beta too, though the gradients do not depend on it).
     */
    void backward(INDArray x, INDArray dy, INDArray gamma, INDArray beta, INDArray batchMean, INDArray batchVar,
                  INDArray dx, INDArray dGamma, INDArray dBeta) {
        bind(src, x);
        bind(diffDst, dy);
        bind(scale, gamma);
        bind(shift, beta);
        bind(mean, batchMean);
        bind(variance, batchVar);
        bind(diffSrc, dx);
        bind(diffScale, dGamma);
        bind(diffShift, dBeta);
        OneDnn.execute(backward, backwardArgs, "batch norm backward", this);
    }

    private void bind(dnnl_memory memory, INDArray array) {
        OneDnn.bind(memory, address, array, "batch norm buffer");
    }

    /** Frees every native object; the instance is unusable afterwards. */
    void close() {
        dnnl_primitive_destroy(forward);
        dnnl_primitive_destroy(backward);
        for (dnnl_memory m : new dnnl_memory[] {src, dst, mean, variance, scale, shift, diffDst, diffSrc, diffScale,
                diffShift}) {
            dnnl_memory_destroy(m);
        }
    }
}
