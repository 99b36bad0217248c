package dev.jvmgan.convolution;

import dev.jvmgan.onednn.OneDnn;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.jvmgan.onednn.OneDnn.check;
import static dev.jvmgan.onednn.OneDnn.desc;
import static dev.jvmgan.onednn.OneDnn.query;
import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * The three passes of one convolution {@link Geometry} in oneDNN, computed in {@code dataType} (f32, or bf16 for mixed
 * precision) on float32 arrays in DL4J's layouts: the arrays are reordered (and rounded to bf16) into the layouts
 * oneDNN's kernels want, and results reordered back. Weight gradients and bias are float32 throughout.
 *
 * <p>Convolution, per output element: y[n,o,i,j] = b[o] + sum over c, p, q of x[n, c, i*s + p - pad, j*s + q - pad]
 * * W[o,c,p,q]. With bf16, x and W are rounded to bfloat16 (8 bits of mantissa), the products accumulated in
 * float32 and y kept in float32. The backward passes are the same sums' adjoints: dL/dx (backward data) from dL/dy
 * and W, dL/dW and dL/db (backward weights) from x and dL/dy, with dL/dy, W and x rounded alike and the results
 * float32. A transposed convolution is the adjoint of a convolution: its forward pass is a convolution's backward
 * data pass.
 *
 * <p>Not thread-safe: one instance per layer, used on the training thread.
 */
final class ConvolutionPrimitives {
    private final Geometry geometry;
    private final dnnl_primitive forward;
    private final dnnl_primitive backwardData;
    private final dnnl_primitive backwardWeights;
    private final Operand fSrc, fWeights, fBias, fDst;
    private final Operand bDiffDst, bWeights, bDiffSrc;
    private final Operand wSrc, wDiffDst, wDiffWeights, wDiffBias;
    private final dnnl_exec_arg_t forwardArgs, backwardDataArgs, backwardWeightsArgs;
    /** Whether backward weights reads dL/dy in the layout backward data copied it to, in the same slot. */
    private final boolean diffDstShared;

    ConvolutionPrimitives(Geometry g, int dataType) {
        this.geometry = g;
        long[] strides = {g.strideH(), g.strideW()};
        long[] padL = {g.padTop(), g.padLeft()};
        long[] padR = {g.padBottom(), g.padRight()};
        dnnl_memory_desc_t userSrc = desc(g.srcDims(), dnnl_f32, dnnl_nchw);
        dnnl_memory_desc_t userDst = desc(g.dstDims(), dnnl_f32, dnnl_nchw);
        dnnl_memory_desc_t userWeights = desc(g.weightDims(), dnnl_f32, g.transposed() ? dnnl_iohw : dnnl_oihw);
        dnnl_memory_desc_t userBias = g.bias() ? desc(new long[] {g.outChannels()}, dnnl_f32, dnnl_x) : null;
        // Inputs in the arithmetic's type; outputs (y, dL/dx, dL/dW, dL/db) float32, so only the inputs are rounded.
        dnnl_memory_desc_t src = desc(g.srcDims(), dataType, dnnl_format_tag_any);
        dnnl_memory_desc_t dst = desc(g.dstDims(), dnnl_f32, dnnl_format_tag_any);
        dnnl_memory_desc_t diffSrc = desc(g.srcDims(), dnnl_f32, dnnl_format_tag_any);
        dnnl_memory_desc_t diffDst = desc(g.dstDims(), dataType, dnnl_format_tag_any);
        dnnl_memory_desc_t weights = desc(g.weightDims(), dataType, dnnl_format_tag_any);
        dnnl_memory_desc_t diffWeights = desc(g.weightDims(), dnnl_f32, dnnl_format_tag_any);
        dnnl_primitive_desc fpd;
        dnnl_primitive_desc bpd;
        dnnl_primitive_desc wpd;
        try (LongPointer s = new LongPointer(strides); LongPointer l = new LongPointer(padL);
             LongPointer r = new LongPointer(padR)) {
            dnnl_convolution_desc_t fd = new dnnl_convolution_desc_t();
            dnnl_convolution_desc_t bd = new dnnl_convolution_desc_t();
            dnnl_convolution_desc_t wd = new dnnl_convolution_desc_t();
            if (g.transposed()) {
                check(dnnl_deconvolution_forward_desc_init(fd, dnnl_forward_training, dnnl_deconvolution_direct, src,
                        weights, userBias, dst, s, l, r), "deconvolution forward");
                check(dnnl_deconvolution_backward_data_desc_init(bd, dnnl_deconvolution_direct, diffSrc, weights,
                        diffDst, s, l, r), "deconvolution backward data");
                check(dnnl_deconvolution_backward_weights_desc_init(wd, dnnl_deconvolution_direct, src, diffWeights,
                        userBias, diffDst, s, l, r), "deconvolution backward weights");
            } else {
                check(dnnl_convolution_forward_desc_init(fd, dnnl_forward_training, dnnl_convolution_direct, src,
                        weights, userBias, dst, s, l, r), "convolution forward");
                check(dnnl_convolution_backward_data_desc_init(bd, dnnl_convolution_direct, diffSrc, weights,
                        diffDst, s, l, r), "convolution backward data");
                check(dnnl_convolution_backward_weights_desc_init(wd, dnnl_convolution_direct, src, diffWeights,
                        userBias, diffDst, s, l, r), "convolution backward weights");
            }
            fpd = OneDnn.primitiveDesc(fd, null, "forward descriptor of " + g);
            bpd = OneDnn.primitiveDesc(bd, fpd, "backward data descriptor of " + g);
            wpd = OneDnn.primitiveDesc(wd, fpd, "backward weights descriptor of " + g);
        }
        forward = OneDnn.primitive(fpd, "forward");
        backwardData = OneDnn.primitive(bpd, "backward data");
        backwardWeights = OneDnn.primitive(wpd, "backward weights");

        // Scratch slots: each pass's inputs and outputs in different ones; dL/dy in slot 0 for both backward passes,
        // so the second finds the first's copy in place.
        fSrc = new Operand("src", userSrc, query(fpd, dnnl_query_src_md, 0), true, 0);
        fWeights = new Operand("weights", userWeights, query(fpd, dnnl_query_weights_md, 0), true, 1);
        fBias = g.bias() ? new Operand("bias", userBias, query(fpd, dnnl_query_weights_md, 1), true, 3) : null;
        fDst = new Operand("dst", userDst, query(fpd, dnnl_query_dst_md, 0), false, 2);
        bDiffDst = new Operand("diff dst", userDst, query(bpd, dnnl_query_diff_dst_md, 0), true, 0);
        bWeights = new Operand("weights", userWeights, query(bpd, dnnl_query_weights_md, 0), true, 1);
        bDiffSrc = new Operand("diff src", userSrc, query(bpd, dnnl_query_diff_src_md, 0), false, 2);
        wDiffDst = new Operand("diff dst", userDst, query(wpd, dnnl_query_diff_dst_md, 0), true, 0);
        wSrc = new Operand("src", userSrc, query(wpd, dnnl_query_src_md, 0), true, 1);
        wDiffWeights = new Operand("diff weights", userWeights, query(wpd, dnnl_query_diff_weights_md, 0), false, 2);
        wDiffBias = g.bias() ? new Operand("diff bias", userBias, query(wpd, dnnl_query_diff_weights_md, 1), false, 3)
                : null;
        diffDstShared = wDiffDst.sameCopyAs(bDiffDst);
        dnnl_primitive_desc_destroy(fpd);
        dnnl_primitive_desc_destroy(bpd);
        dnnl_primitive_desc_destroy(wpd);

        forwardArgs = g.bias()
                ? OneDnn.args(DNNL_ARG_SRC, fSrc.memory(), DNNL_ARG_WEIGHTS, fWeights.memory(), DNNL_ARG_BIAS,
                        fBias.memory(), DNNL_ARG_DST, fDst.memory())
                : OneDnn.args(DNNL_ARG_SRC, fSrc.memory(), DNNL_ARG_WEIGHTS, fWeights.memory(), DNNL_ARG_DST,
                        fDst.memory());
        backwardDataArgs = OneDnn.args(DNNL_ARG_DIFF_DST, bDiffDst.memory(), DNNL_ARG_WEIGHTS, bWeights.memory(),
                DNNL_ARG_DIFF_SRC, bDiffSrc.memory());
        backwardWeightsArgs = g.bias()
                ? OneDnn.args(DNNL_ARG_SRC, wSrc.memory(), DNNL_ARG_DIFF_DST, wDiffDst.memory(),
                        DNNL_ARG_DIFF_WEIGHTS, wDiffWeights.memory(), DNNL_ARG_DIFF_BIAS, wDiffBias.memory())
                : OneDnn.args(DNNL_ARG_SRC, wSrc.memory(), DNNL_ARG_DIFF_DST, wDiffDst.memory(),
                        DNNL_ARG_DIFF_WEIGHTS, wDiffWeights.memory());
    }

    Geometry geometry() {
        return geometry;
    }

    /** y = conv(x, W) + b into {@code y} ([N, out, outH, outW]); {@code bias} null without one. */
    void forward(INDArray x, INDArray weights, INDArray bias, INDArray y) {
        fSrc.bind(x).transfer();
        fWeights.bind(weights).transfer();
        if (fBias != null) {
            fBias.bind(bias).transfer();
        }
        fDst.bind(y);
        OneDnn.execute(forward, forwardArgs, geometry.transposed() ? "deconvolution forward" : "convolution forward",
                geometry);
        fDst.transfer();
    }

    /** dL/dx into {@code diffSrc} from dL/dy and W. */
    void backwardData(INDArray diffDst, INDArray weights, INDArray diffSrc) {
        bDiffDst.bind(diffDst).transfer();
        bWeights.bind(weights).transfer();
        bDiffSrc.bind(diffSrc);
        OneDnn.execute(backwardData, backwardDataArgs,
                geometry.transposed() ? "deconvolution backward data" : "convolution backward data", geometry);
        bDiffSrc.transfer();
    }

    /** Both backward passes: {@link #backwardData}, then {@link #backwardWeights} on its copy of dL/dy. */
    void backward(INDArray x, INDArray diffDst, INDArray weights, INDArray diffSrc, INDArray diffWeights,
                  INDArray diffBias) {
        backwardData(diffDst, weights, diffSrc);
        backwardWeights(x, diffDst, diffWeights, diffBias, diffDstShared);
    }

    /** dL/dW into {@code diffWeights} and dL/db into {@code diffBias} (null without a bias) from x and dL/dy. */
    void backwardWeights(INDArray x, INDArray diffDst, INDArray diffWeights, INDArray diffBias) {
        backwardWeights(x, diffDst, diffWeights, diffBias, false);
    }

    private void backwardWeights(INDArray x, INDArray diffDst, INDArray diffWeights, INDArray diffBias,
                                 boolean diffDstInPlace) {
        wSrc.bind(x).transfer();
        wDiffDst.bind(diffDst);
        if (!diffDstInPlace) {
            wDiffDst.transfer();
        }
        wDiffWeights.bind(diffWeights);
        if (wDiffBias != null) {
            wDiffBias.bind(diffBias);
        }
        OneDnn.execute(backwardWeights, backwardWeightsArgs,
                geometry.transposed() ? "deconvolution backward weights" : "convolution backward weights", geometry);
        wDiffWeights.transfer();
        if (wDiffBias != null) {
            wDiffBias.transfer();
        }
    }

    /** Frees every native object; the instance is unusable afterwards. */
    void close() {
        dnnl_primitive_destroy(forward);
        dnnl_primitive_destroy(backwardData);
        dnnl_primitive_destroy(backwardWeights);
        for (Operand o : new Operand[] {fSrc, fWeights, fBias, fDst, bDiffDst, bWeights, bDiffSrc, wSrc, wDiffDst,
                wDiffWeights, wDiffBias}) {
            if (o != null) {
                o.close();
            }
        }
    }
}
