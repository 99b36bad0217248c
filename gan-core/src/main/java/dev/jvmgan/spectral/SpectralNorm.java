package dev.jvmgan.spectral;

import dev.jvmgan.random.RandomStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Spectral normalisation of one weight (Miyato et al. 2018), with {@code torch.nn.utils.spectral_norm}'s semantics:
 * <pre>
 *   M = the weight as a matrix [rows = outputs, cols = the rest]          ({@link WeightLayout})
 *   training forward:  v = normalize(M^T u),  u = normalize(M v)          one power iteration, u and v kept
 *   sigma = u^T M v,   W_SN = W / sigma                                   (inference: sigma from the kept u, v)
 *   normalize(x) = x / max(||x||, 1e-12)
 * </pre>
 * so sigma tends to the largest singular value of M as the weights change slowly between steps, and W_SN has
 * spectral norm about 1. u starts as a normalised standard normal vector (and v too), as torch's does.
 *
 * <p>Backward: like torch, u and v are constants there (the power iteration runs under {@code no_grad}); the
 * gradient flows through sigma = u^T M v only, with d sigma / dM = u v^T:
 * <pre>
 *   dL/dW = ( G - &lt;G, W_SN&gt; u v^T ) / sigma,     G = dL/dW_SN,   &lt;G, W_SN&gt; = sum of G * W_SN
 * </pre>
 * (Miyato et al.'s eq. 12, whose lambda is &lt;G, W_SN&gt;), with u v^T laid out as the weight. Where u, v are the exact
 * singular vectors and M has rank 1, &lt;G, W_SN&gt; equals u^T G v; in general it does not, and this is the torch
 * gradient.
 *
 * <p>State for checkpoints: u and v ({@link #state()}), which a resumed run needs to compute the very same sigma.
 * Not thread-safe; one instance per normalised weight.
 */
public final class SpectralNorm {
    private static final double EPS = 1e-12;

    private final long[] weightShape;
    private final WeightLayout layout;
    private final int[] toMatrixOrder;
    private final long[] permutedShape;
    private final DataType type;
    private INDArray u;
    private INDArray v;
    private double sigma = Double.NaN;
    private INDArray lastWeight;

    /**
     * @param weightShape the weight's shape, rank 2 or more
     * @param type        the weight's data type, which u and v share
     * @param seed        for u's and v's initial directions
     */
    public SpectralNorm(long[] weightShape, WeightLayout layout, DataType type, long seed) {
        int outputs = layout.outputDimension();
        if (weightShape.length < 2 || outputs >= weightShape.length) {
            throw new IllegalArgumentException("a " + layout + " weight needs rank 2 or more with dimension " + outputs
                    + " for the outputs, got shape " + Arrays.toString(weightShape));
        }
        this.weightShape = weightShape.clone();
        this.layout = layout;
        this.type = type;
        this.toMatrixOrder = new int[weightShape.length];
        this.permutedShape = new long[weightShape.length];
        toMatrixOrder[0] = outputs;
        for (int d = 0, k = 1; d < weightShape.length; d++) {
            if (d != outputs) {
                toMatrixOrder[k++] = d;
            }
        }
        for (int k = 0; k < toMatrixOrder.length; k++) {
            permutedShape[k] = weightShape[toMatrixOrder[k]];
        }
        long rows = permutedShape[0];
        long columns = Arrays.stream(weightShape).reduce(1, (a, b) -> a * b) / rows;
        RandomStream random = new RandomStream(seed);
        this.u = normalize(gaussian(rows, random));
        this.v = normalize(gaussian(columns, random));
    }

    private INDArray gaussian(long length, RandomStream random) {
        double[] values = new double[(int) length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return Nd4j.create(values, new long[]{length, 1}).castTo(type);
    }

    /**
     * W / sigma, a new array; in training, one power iteration first. Keeps what {@link #backward} needs: the weight
     * must not change between the two.
     */
    public INDArray forward(INDArray weight, boolean training) {
        if (!Arrays.equals(weight.shape(), weightShape) || weight.dataType() != type) {
            throw new IllegalArgumentException("spectral norm set up for a " + type + " weight of shape "
                    + Arrays.toString(weightShape) + ", got " + weight.dataType() + " " + Arrays.toString(weight.shape()));
        }
        INDArray m = matrix(weight);
        if (training) {
            v = normalize(m.transpose().mmul(u));
            u = normalize(m.mmul(v));
        }
        sigma = u.transpose().mmul(m).mmul(v).getDouble(0);
        lastWeight = weight;
        return weight.div(sigma);
    }

    /** dL/dW for G = dL/dW_SN of the last {@link #forward}: (G - &lt;G, W_SN&gt; u v^T) / sigma. */
    public INDArray backward(INDArray dLossDNormalized) {
        if (lastWeight == null) {
            throw new IllegalStateException("backward() before forward()");
        }
        if (!Arrays.equals(dLossDNormalized.shape(), weightShape)) {
            throw new IllegalArgumentException("gradient of shape " + Arrays.toString(dLossDNormalized.shape())
                    + " for a weight of shape " + Arrays.toString(weightShape));
        }
        INDArray g = dLossDNormalized.castTo(type);
        double alongSigma = g.mul(lastWeight).sumNumber().doubleValue() / sigma;
        INDArray rankOne = fromMatrix(u.mmul(v.transpose()));
        return g.sub(rankOne.muli(alongSigma)).divi(sigma);
    }

    /** The weight as the [outputs, rest] matrix (a row-major copy). */
    INDArray matrix(INDArray weight) {
        return weight.permute(toMatrixOrder).dup('c').reshape('c', permutedShape[0], -1);
    }

    /** A matrix [outputs, rest] back in the weight's layout. */
    INDArray fromMatrix(INDArray matrix) {
        int[] back = new int[toMatrixOrder.length];
        for (int k = 0; k < toMatrixOrder.length; k++) {
            back[toMatrixOrder[k]] = k;
        }
        return matrix.dup('c').reshape('c', permutedShape).permute(back).dup('c');
    }

    private static INDArray normalize(INDArray x) {
        return x.div(Math.max(x.norm2Number().doubleValue(), EPS));
    }

    /** sigma of the last forward pass (NaN before the first). */
    public double sigma() {
        return sigma;
    }

    public WeightLayout layout() {
        return layout;
    }

    /** u and v, for checkpoints. */
    public SpectralNormState state() {
        return new SpectralNormState(u.castTo(DataType.DOUBLE).toDoubleVector(),
                v.castTo(DataType.DOUBLE).toDoubleVector());
    }

    /** Continues from a saved {@link #state()}: the next forward pass computes what the saved run's would. */
    public void restore(SpectralNormState state) {
        if (state.u().length != u.length() || state.v().length != v.length()) {
            throw new IllegalArgumentException("saved spectral norm state has u of " + state.u().length + " and v of "
                    + state.v().length + " entries; this weight needs " + u.length() + " and " + v.length());
        }
        u = Nd4j.create(state.u(), new long[]{state.u().length, 1}).castTo(type);
        v = Nd4j.create(state.v(), new long[]{state.v().length, 1}).castTo(type);
    }
}
