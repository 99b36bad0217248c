package dev.jvmgan.train;

import dev.jvmgan.augment.Transformed;
import dev.jvmgan.backend.TrainableNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The GAN training loop, as StyleGAN2-ADA's: a list of phases ({@link Algorithm}), each with its network and
 * interval, run at every step whose number the interval divides:
 * <pre>
 *   repeat for each step (one D update; dStepsPerGStep steps make an iteration, one G update):
 *     x = next real batch;  G(z) = G(next latents);  T(x), T(G(z)) = what D sees (augmentation, noise)
 *     for each phase, in order:  if step % interval != 0: skip
 *       each term of the phase adds its gradient;  the phase's network takes one optimiser step
 * </pre>
 * With the default algorithm that is Goodfellow et al.'s loop with the non-saturating loss: D steps on
 * BCE(D(x), real) + BCE(D(G(z)), fake), then G steps on BCE(D(G(z)), real) through the just-updated D, which does
 * not learn from it. Losses, penalties and augmentations are the algorithm's objects, not branches here.
 *
 * <p>What the phases computed goes to the listeners as {@link IterationStats}; an iteration a listener wants to
 * inspect runs its last step on recording wrappers of the networks ({@link Inspector}), so the algorithm never
 * sees the monitors.
 *
 * <p>The step counter is the iteration's: step {@code (i - 1) k + j} is the j-th D step of iteration i, so a
 * resumed run continues every phase's schedule from its iteration and needs no counter of its own.
 */
public final class GanTrainer implements TrainingLoop {
    private final TrainingSession session;
    private final int dStepsPerGStep;
    private final int batchSize;
    private final Supplier<INDArray> realBatches;
    private final Latents latents;
    private final Algorithm algorithm;
    /** Null for an unconditional GAN. */
    private final Classes classes;
    private final List<TrainingListener> listeners;
    private long iteration;
    private long imagesSeen;
    private volatile boolean stopRequested;

    /** The DCGAN loop ({@link Algorithm#dcgan}) with the config's {@code dStepsPerGStep}. */
    public GanTrainer(TrainingSession session, Supplier<INDArray> realBatches, Latents latents,
                      List<TrainingListener> listeners) {
        this(session, realBatches, latents, Algorithm.dcgan(session.config().train().dStepsPerGStep()), listeners);
    }

    /**
     * @param algorithm its {@code Gmain} interval is the number of D steps per iteration, the config's
     *                  {@code dStepsPerGStep}
     */
    public GanTrainer(TrainingSession session, Supplier<INDArray> realBatches, Latents latents, Algorithm algorithm,
                      List<TrainingListener> listeners) {
        this(session, realBatches, latents, algorithm, null, listeners);
    }

    /**
     * A class-conditional GAN: G(z, y) for classes y drawn by {@code classes.fake()}, D(x, y) for the real batch's
     * labels from {@code classes.real()} (called right after each real batch). Either network may be unconditional
     * ({@code numClasses() == 0}): it is then fed no labels, and D, if conditional, judges G's images under y.
     *
     * @param classes null for an unconditional GAN
     */
    public GanTrainer(TrainingSession session, Supplier<INDArray> realBatches, Latents latents, Algorithm algorithm,
                      Classes classes, List<TrainingListener> listeners) {
        this.classes = classes;
        this.session = session;
        this.dStepsPerGStep = session.config().train().dStepsPerGStep();
        this.batchSize = session.config().train().batchSize();
        this.realBatches = realBatches;
        this.latents = latents;
        this.algorithm = algorithm;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Continues counting from a checkpoint: the next iteration is {@code iteration + 1}. Call before {@link #run}.
     */
    @Override
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
    @Override
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether the last {@link #run} ended early on {@link #requestStop()}. */
    @Override
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
    @Override
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
        long current = iteration + 1;
        IterationResults results = new IterationResults(inspect);
        Inspector inspector = null;
        for (int j = 1; j <= dStepsPerGStep; j++) {
            inspector = inspect && j == dStepsPerGStep ? new Inspector(session) : null;
            Step step = drawStep(iteration * dStepsPerGStep + j, current, inspector);
            for (Phase phase : algorithm.phases()) {
                if (step.number() % phase.interval() != 0) {
                    continue;
                }
                for (GradientTerm term : phase.terms()) {
                    term.accumulate(step, results);
                }
                TrainableNetwork network = step.network(phase.network());
                Divergence.requireFiniteGradients(network, phase.network(), current);
                network.applyUpdate();
            }
        }
        iteration = current;

        IterationStats stats = results.stats(iteration, imagesSeen, (System.nanoTime() - start) / 1e9);
        try {
            if (inspector != null) {
                Inspection inspection = inspector.inspection(iteration, results);
                try {
                    for (TrainingListener listener : listeners) {
                        listener.inspected(session, stats, inspection);
                    }
                } finally {
                    inspection.release();
                }
            }
        } finally {
            results.release();
        }
        return stats;
    }

    /**
     * The step's batches: the next real images, G's images of the next latents (G's forward pass stays open for
     * {@code Gmain}), and both through D's input transform at the iteration about to run.
     */
    private Step drawStep(long number, long current, Inspector inspector) {
        TrainableNetwork g = inspector == null ? session.generator() : inspector.generator();
        TrainableNetwork d = inspector == null ? session.discriminator() : inspector.discriminator();
        INDArray real = realBatches.get();
        int[] realClasses = classes == null ? null : classes.real().get();
        // Drawn whichever network is conditional: G is made as them, or D alone judges the fakes under them.
        int[] fakeClasses = classes == null ? null : classes.fake().next(batchSize);
        INDArray fake = g.forward(latents.next(batchSize), g.numClasses() > 0 ? fakeClasses : null);
        Transformed realSeen = algorithm.dInputs().apply(real, current - 1);
        Transformed fakeSeen = algorithm.dInputs().apply(fake, current - 1);
        if (inspector != null) {
            inspector.watch(realSeen, fakeSeen);
        }
        imagesSeen += real.size(0);
        boolean dConditional = d.numClasses() > 0;
        return new Step(number, current, g, d, realSeen, fakeSeen, dConditional ? realClasses : null,
                dConditional ? fakeClasses : null);
    }

    /**
     * Where a class-conditional GAN's labels come from.
     *
     * @param real the labels of the real batch just drawn, one per image
     * @param fake the classes generated images are made for
     */
    public record Classes(Supplier<int[]> real, ClassDraws fake) {
        public Classes {
            java.util.Objects.requireNonNull(real, "real");
            java.util.Objects.requireNonNull(fake, "fake");
        }
    }

    @Override
    public long iteration() {
        return iteration;
    }

    public long imagesSeen() {
        return imagesSeen;
    }
}
