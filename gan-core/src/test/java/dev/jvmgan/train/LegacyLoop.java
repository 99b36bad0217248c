package dev.jvmgan.train;

import dev.jvmgan.backend.TrainableNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Supplier;

/**
 * The training loop as it was before the loop became phases (main at 7e57b1e, {@code GanTrainer.iterate} without its
 * inspection), frozen: the reference that the default algorithm must reproduce bit for bit. Do not change it; if the
 * default algorithm is meant to train differently, that is a decision to record, and this class goes.
 */
public final class LegacyLoop {
    private final TrainableNetwork g;
    private final TrainableNetwork d;
    private final int dStepsPerGStep;
    private final int batchSize;
    private final Supplier<INDArray> realBatches;
    private final Latents latents;

    public LegacyLoop(TrainableNetwork g, TrainableNetwork d, int dStepsPerGStep, int batchSize,
                      Supplier<INDArray> realBatches, Latents latents) {
        this.g = g;
        this.d = d;
        this.dStepsPerGStep = dStepsPerGStep;
        this.batchSize = batchSize;
        this.realBatches = realBatches;
        this.latents = latents;
    }

    public void run(long iterations) {
        for (long i = 0; i < iterations; i++) {
            iterate();
        }
    }

    private void iterate() {
        INDArray fake = null;
        for (int step = 0; step < dStepsPerGStep; step++) {
            INDArray real = realBatches.get();
            fake = g.forward(latents.next(batchSize));
            INDArray realLogits = d.forward(real);
            BceWithLogits.Result onReal = BceWithLogits.of(realLogits, Labels.REAL);
            d.backward(onReal.dLogits());
            INDArray fakeLogits = d.forward(fake);
            BceWithLogits.Result onFake = BceWithLogits.of(fakeLogits, Labels.FAKE);
            d.backward(onFake.dLogits());
            d.applyUpdate();
        }
        BceWithLogits.Result forG = BceWithLogits.of(d.forward(fake), Labels.REAL);
        INDArray dLossDFake = d.inputGradient(forG.dLogits());
        g.backward(dLossDFake);
        g.applyUpdate();
    }
}
