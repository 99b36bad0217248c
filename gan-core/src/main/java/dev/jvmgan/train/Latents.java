package dev.jvmgan.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard-normal latent vectors z from a generator of their own, so the latent stream depends only on its seed
 * (not on how many random numbers weight initialisation or dropout drew).
 */
public final class Latents {
    private final int latentDim;
    private final DataType dataType;
    private final Random rng;
    private INDArray buffer;

    public Latents(int latentDim, long seed, DataType dataType) {
        this.latentDim = latentDim;
        this.dataType = dataType;
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /**
     * The next [count, latentDim] batch of the stream. <b>The returned array is reused</b>: the next call with the
     * same count overwrites it (the training loop draws one batch per generator forward pass and is done with it
     * before the next); {@code dup()} it to keep it.
     */
    public INDArray next(int count) {
        if (buffer == null || buffer.size(0) != count) {
            // Outside any workspace: the buffer lives as long as this stream.
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffer = Nd4j.createUninitialized(dataType, count, latentDim);
            }
        }
        Nd4j.getExecutioner().exec(new GaussianDistribution(buffer, 0.0, 1.0), rng);
        return buffer;
    }

    /** Where the latent stream stands, for checkpoints. */
    public RandomState state() {
        return RandomState.of(rng);
    }

    /** Continues the latent stream from a saved {@link #state()}. */
    public void restore(RandomState state) {
        state.applyTo(rng);
    }

    public int latentDim() {
        return latentDim;
    }
}
