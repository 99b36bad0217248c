package dev.jvmgan.model;

import java.util.Arrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Randomized leaky ReLU (Xu et al. 2015) that behaves as documented, unlike M2.1's {@link ActivationRReLU}
 * (see {@link Activations}): in training every element gets its own slope drawn uniformly from [lower, upper]
 * with ND4J's global RNG; in inference the slope is the mean (lower + upper) / 2.
 *
 * <p>State: the slopes of the last training forward pass are kept for the next backprop, so a training
 * forward and its backprop must alternate, as with any DL4J layer. Not thread-safe (nor are networks).
 */
public class RReLUActivation extends ActivationRReLU {
    /** Outside any workspace: it has to live from the forward pass to the backward pass. */
    private transient INDArray slopes;

    public RReLUActivation() {
        super();
    }

    public RReLUActivation(double lower, double upper) {
        super(lower, upper);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!training) {
            Nd4j.getExecutioner().execAndReturn(new LeakyReLU(in, 0.5 * (getL() + getU())));
            return in;
        }
        // Reuse the buffer: a fresh detached array per pass is only freed by the garbage collector.
        if (slopes == null || slopes.dataType() != in.dataType() || !Arrays.equals(slopes.shape(), in.shape())) {
            MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
            try {
                slopes = Nd4j.create(in.dataType(), in.shape());
            } finally {
                outside.close();
            }
        }
        Nd4j.getExecutioner().exec(new UniformDistribution(slopes, getL(), getU()), Nd4j.getRandom());
        return in.muli(derivative(in));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (slopes == null || !Arrays.equals(slopes.shape(), in.shape())) {
            throw new IllegalStateException("rrelu backprop needs the slopes of a training forward pass on input of shape "
                    + Arrays.toString(in.shape()) + ", have " + (slopes == null ? "none" : Arrays.toString(slopes.shape())));
        }
        return new Pair<>(derivative(in).muli(epsilon), null);
    }

    /** d out / d in: the drawn slope where in &lt; 0, else 1. */
    private INDArray derivative(INDArray in) {
        INDArray negative = in.lt(0).castTo(in.dataType());
        return slopes.mul(negative).addi(negative.rsubi(1));
    }

    @Override
    public String toString() {
        return "rrelu(lower=" + getL() + ", upper=" + getU() + ")";
    }
}
