package dev.jvmgan.train;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.model.NetworkRole;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
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
    private volatile boolean stopRequested;

    public GanTrainer(TrainingSession session, Supplier<INDArray> realBatches, Latents latents,
                      List<TrainingListener> listeners) {
        this.session = session;
        this.dStepsPerGStep = session.config().train().dStepsPerGStep();
        this.batchSize = session.config().train().batchSize();
        this.realBatches = realBatches;
        this.latents = latents;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Continues counting from a checkpoint: the next iteration is {@code iteration + 1}. Call before {@link #run}.
     */
    public void resumeAt(long iteration, long imagesSeen) {
        if (iteration < 0 || imagesSeen < 0) {
            throw new IllegalArgumentException("cannot resume at iteration " + iteration + ", imagesSeen " + imagesSeen);
        }
        this.iteration = iteration;
        this.imagesSeen = imagesSeen;
    }

    /**
     * Asks the loop to stop after the iteration in progress, as if it had been the last one: listeners then see a
     * normal {@code trainingEnded} (so the final checkpoint is written). Safe to call from any thread, such as a
     * signal handler's, also before {@link #run} starts.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether the last {@link #run} ended early on {@link #requestStop()}. */
    public boolean stoppedEarly(long iterations) {
        return iteration < iterations;
    }

    /**
     * Runs until {@code iterations} generator updates have been done in total (counting those before
     * {@link #resumeAt}), or until {@link #requestStop()}.
     *
     * <p>Every listener whose {@code trainingStarted} returned gets {@code trainingEnded} exactly once, whatever
     * throws. The first failure (of training or of a listener) is rethrown after all of them, with the later ones
     * attached as suppressed.
     */
    public void run(long iterations) {
        List<TrainingListener> started = new ArrayList<>(listeners.size());
        Throwable failure = null;
        try {
            for (TrainingListener listener : listeners) {
                listener.trainingStarted(session);
                started.add(listener);
            }
            while (iteration < iterations && !stopRequested) {
                long next = iteration + 1;
                boolean inspect = listeners.stream().anyMatch(l -> l.wantsInspection(next));
                IterationStats stats = iterate(inspect);
                for (TrainingListener listener : listeners) {
                    listener.iterationDone(session, stats);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Throwable thrown = endAll(started, failure);
        if (thrown instanceof RuntimeException e) {
            throw e;
        } else if (thrown instanceof Error e) {
            throw e;
        }
    }

    /**
     * {@code trainingEnded} for every started listener, each told only why training stopped ({@code failure}),
     * not whether an earlier listener's end failed. Returns what to rethrow: {@code failure}, or else the first
     * listener's failure, with every later failure suppressed on it.
     */
    private Throwable endAll(List<TrainingListener> started, Throwable failure) {
        Throwable thrown = failure;
        for (TrainingListener listener : started) {
            try {
                listener.trainingEnded(session, failure);
            } catch (RuntimeException | Error e) {
                if (thrown == null) {
                    thrown = e;
                } else {
                    thrown.addSuppressed(e);
                }
            }
        }
        return thrown;
    }

    private IterationStats iterate(boolean inspect) {
        long start = System.nanoTime();
        TrainableNetwork g = session.generator();
        TrainableNetwork d = session.discriminator();
        long current = iteration + 1;
        Probe probe = inspect ? new Probe() : null;

        INDArray fake = null;
        BceWithLogits.Result onReal = null;
        BceWithLogits.Result onFake = null;
        for (int step = 0; step < dStepsPerGStep; step++) {
            INDArray real = realBatches.get();
            fake = g.forward(latents.next(batchSize));
            INDArray realLogits = d.forward(real);
            onReal = BceWithLogits.of(realLogits, Labels.REAL);
            requireFinite(onReal.loss(), "D loss on real images", d, current);
            if (probe != null) {
                probe.gInputs = Inspection.copy(g.layerInputs());
                probe.dInputsOnReal = Inspection.copy(d.layerInputs());
                probe.realLogits = realLogits.dup();
            }
            INDArray dLossDReal = d.backward(onReal.dLogits());
            INDArray fakeLogits = d.forward(fake);
            onFake = BceWithLogits.of(fakeLogits, Labels.FAKE);
            requireFinite(onFake.loss(), "D loss on generated images", d, current);
            if (probe != null) {
                probe.dInputsOnFake = Inspection.copy(d.layerInputs());
                probe.fakeLogits = fakeLogits.dup();
                probe.dLossDReal = dLossDReal;
            }
            d.backward(onFake.dLogits());
            update(d, NetworkRole.DISCRIMINATOR, current, probe == null ? null : probe.d);
            imagesSeen += real.size(0);
        }

        // G step, through the just-updated D, which does not learn from it. The last fake is still G's most recent
        // forward pass, so G can backpropagate through it.
        BceWithLogits.Result forG = BceWithLogits.of(d.forward(fake), Labels.REAL);
        requireFinite(forG.loss(), "G loss", d, current);
        INDArray dLossDFake = d.inputGradient(forG.dLogits());
        g.backward(dLossDFake);
        update(g, NetworkRole.GENERATOR, current, probe == null ? null : probe.g);
        iteration = current;

        IterationStats stats = new IterationStats(iteration, imagesSeen, onReal.loss() + onFake.loss(), forG.loss(),
                onReal.meanProbability(), onFake.meanProbability(), (System.nanoTime() - start) / 1e9);
        if (probe != null) {
            Inspection inspection = new Inspection(iteration, probe.dInputsOnReal, probe.dInputsOnFake, probe.gInputs,
                    probe.d.gradients, probe.d.before, probe.d.after, probe.g.gradients, probe.g.before, probe.g.after,
                    probe.dLossDReal, dLossDFake, probe.realLogits, probe.fakeLogits);
            for (TrainingListener listener : listeners) {
                listener.inspected(session, stats, inspection);
            }
        }
        return stats;
    }

    /** Applies a network's update after checking its gradients for NaN and infinity (one reduction). */
    private static void update(TrainableNetwork net, NetworkRole role, long iteration, UpdateProbe probe) {
        if (!net.gradientsFinite()) {
            String where = net.firstNonFinite().orElse("gradient");
            throw new TrainingDivergedException(String.format(
                    "iteration %d: %s %s holds NaN or infinity; stopped before applying it (the last checkpoint "
                            + "on disk is good). Lower %s.lr or check the data.",
                    iteration, role.shortName(), where, role.optimizerKey()));
        }
        if (probe != null) {
            probe.gradients = net.pendingGradients();
            probe.before = Inspection.copy(net.parameterTable());
        }
        net.applyUpdate();
        if (probe != null) {
            probe.after = Inspection.copy(net.parameterTable());
        }
    }

    private void requireFinite(double loss, String what, TrainableNetwork d, long iteration) {
        if (Double.isFinite(loss)) {
            return;
        }
        String where = session.generator().firstNonFinite().map(w -> "first non-finite value: G " + w)
                .or(() -> d.firstNonFinite().map(w -> "first non-finite value: D " + w))
                .orElse("every parameter and activation is finite: the loss itself overflowed");
        throw new TrainingDivergedException(String.format(
                "iteration %d: %s is %s; %s. Stopped; the last checkpoint on disk is good.",
                iteration, what, loss, where));
    }

    /** What an inspected iteration collects on its way. */
    private static final class Probe {
        final UpdateProbe d = new UpdateProbe();
        final UpdateProbe g = new UpdateProbe();
        java.util.Map<String, INDArray> dInputsOnReal;
        java.util.Map<String, INDArray> dInputsOnFake;
        java.util.Map<String, INDArray> gInputs;
        INDArray dLossDReal;
        INDArray realLogits;
        INDArray fakeLogits;
    }

    private static final class UpdateProbe {
        java.util.Map<String, INDArray> gradients;
        java.util.Map<String, INDArray> before;
        java.util.Map<String, INDArray> after;
    }

    public long iteration() {
        return iteration;
    }

    public long imagesSeen() {
        return imagesSeen;
    }
}
