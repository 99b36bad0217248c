package dev.jvmgan.train;

import dev.jvmgan.backend.TrainableNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.Supplier;

/**
 * The GAN training loop (Goodfellow et al. 2014, with the non-saturating generator loss):
 * <pre>
 *   repeat for each iteration:
 *     k times:  fake = G(z);  D += -grad[ BCE(D(real), REAL) + BCE(D(fake), FAKE) ]   two passes, one update
 *     once:     G += -grad BCE(D(fake), REAL)   through the just-updated D, which itself does not change
 * </pre>
 * Real and fake go through D as two passes with their gradients summed: one pass on their concatenation lets
 * batch norm in D tell them apart by batch statistics, and the GAN never learns.
 */
public final class GanTrainer {
    private final TrainingSession session;
    private final int dStepsPerGStep;
    private final int batchSize;
    private final Supplier<INDArray> realBatches;
    private final Latents latents;
    private final List<TrainingListener> listeners;
    private long iteration;
    private long imagesSeen;

    public GanTrainer(TrainingSession session, Supplier<INDArray> realBatches, Latents latents,
                      List<TrainingListener> listeners) {
        this.session = session;
        this.dStepsPerGStep = session.config().train().dStepsPerGStep();
        this.batchSize = session.config().train().batchSize();
        this.realBatches = realBatches;
        this.latents = latents;
        this.listeners = List.copyOf(listeners);
    }

    /** Runs until {@code iterations} generator updates have been done in total. */
    public void run(long iterations) {
        listeners.forEach(l -> l.trainingStarted(session));
        Throwable failure = null;
        try {
            while (iteration < iterations) {
                IterationStats stats = iterate();
                for (TrainingListener listener : listeners) {
                    listener.iterationDone(session, stats);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            for (TrainingListener listener : listeners) {
                try {
                    listener.trainingEnded(session, failure);
                } catch (RuntimeException e) {
                    if (failure != null) {
                        failure.addSuppressed(e);
                    } else {
                        failure = e;
                        throw e;
                    }
                }
            }
        }
    }

    private IterationStats iterate() {
        long start = System.nanoTime();
        TrainableNetwork g = session.generator();
        TrainableNetwork d = session.discriminator();

        INDArray fake = null;
        BceWithLogits.Result onReal = null;
        BceWithLogits.Result onFake = null;
        for (int step = 0; step < dStepsPerGStep; step++) {
            INDArray real = realBatches.get();
            fake = g.forward(latents.next(batchSize));
            onReal = BceWithLogits.of(d.forward(real), Labels.REAL);
            d.backward(onReal.dLogits());
            onFake = BceWithLogits.of(d.forward(fake), Labels.FAKE);
            d.backward(onFake.dLogits());
            d.applyUpdate();
            imagesSeen += real.size(0);
        }

        // The last fake is still G's most recent forward pass, so G can backpropagate through it.
        BceWithLogits.Result forG = BceWithLogits.of(d.forward(fake), Labels.REAL);
        g.backward(d.inputGradient(forG.dLogits()));
        g.applyUpdate();
        iteration++;

        double dLoss = onReal.loss() + onFake.loss();
        if (!Double.isFinite(dLoss) || !Double.isFinite(forG.loss())) {
            throw new TrainingDivergedException(String.format(
                    "iteration %d: loss is not finite (D loss %s, G loss %s); parameters have diverged",
                    iteration, dLoss, forG.loss()));
        }
        return new IterationStats(iteration, imagesSeen, dLoss, forG.loss(), onReal.meanProbability(),
                onFake.meanProbability(), (System.nanoTime() - start) / 1e9);
    }

    public long iteration() {
        return iteration;
    }

    public long imagesSeen() {
        return imagesSeen;
    }
}
