package dev.jvmgan.convolution;

/**
 * The shape of one convolution or transposed convolution, NCHW, as oneDNN describes it: padding on each side, so an
 * asymmetric ("same" mode) padding is exact.
 *
 * <p>Convolution: out = (in + padBefore + padAfter - k) / stride + 1. Transposed convolution (DL4J's
 * {@code Deconvolution2D}): out = (in - 1) * stride + k - padBefore - padAfter. Dilation is 1.
 *
 * @param transposed a transposed convolution; its weights are DL4J's [in, out, kH, kW], a convolution's
 *                   [out, in, kH, kW]
 * @param bias       whether the layer adds a bias per output channel
 */
record Geometry(boolean transposed, long batch, long inChannels, long inH, long inW, long outChannels, long outH,
                long outW, long kH, long kW, long strideH, long strideW, long padTop, long padLeft, boolean bias) {

    Geometry {
        if (padBottom(transposed, inH, outH, kH, strideH, padTop) < 0
                || padBottom(transposed, inW, outW, kW, strideW, padLeft) < 0) {
            throw new IllegalArgumentException("negative padding after the input: " + this);
        }
    }

    long padBottom() {
        return padBottom(transposed, inH, outH, kH, strideH, padTop);
    }

    long padRight() {
        return padBottom(transposed, inW, outW, kW, strideW, padLeft);
    }

    private static long padBottom(boolean transposed, long in, long out, long k, long stride, long before) {
        return transposed ? (in - 1) * stride + k - out - before : (out - 1) * stride + k - in - before;
    }

    long[] srcDims() {
        return new long[] {batch, inChannels, inH, inW};
    }

    long[] dstDims() {
        return new long[] {batch, outChannels, outH, outW};
    }

    /** oneDNN's weight dims, [out, in, kH, kW] for both kinds. */
    long[] weightDims() {
        return new long[] {outChannels, inChannels, kH, kW};
    }
}
