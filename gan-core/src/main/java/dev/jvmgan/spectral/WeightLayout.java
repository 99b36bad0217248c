package dev.jvmgan.spectral;

/**
 * Which dimension of a DL4J weight indexes the layer's outputs: spectral normalisation views the weight as the
 * matrix with that dimension as rows and all others flattened (row-major) as columns, as
 * {@code torch.nn.utils.spectral_norm}'s {@code dim} does (0 for Linear and Conv, 1 for ConvTranspose, whose torch
 * weights are [out, in], [out, in, kh, kw] and [in, out, kh, kw]).
 */
public enum WeightLayout {
    /** DL4J's DenseLayer W, [nIn, nOut]: outputs on dimension 1, so the matrix is W^T, torch's Linear weight. */
    DENSE(1),
    /** DL4J's ConvolutionLayer W, [out, in, kh, kw]: outputs on dimension 0, as torch's Conv2d. */
    CONVOLUTION(0),
    /** DL4J's Deconvolution2D W, [in, out, kh, kw]: outputs on dimension 1, as torch's ConvTranspose2d with dim=1. */
    DECONVOLUTION(1);

    private final int outputDimension;

    WeightLayout(int outputDimension) {
        this.outputDimension = outputDimension;
    }

    public int outputDimension() {
        return outputDimension;
    }
}
