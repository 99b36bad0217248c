package dev.jvmgan.run;

import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.eval.ExtractorCache;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.train.GanTrainer;
import dev.jvmgan.train.Latents;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingLoop;
import dev.jvmgan.train.TrainingSession;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import dev.jvmgan.train.Resumable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One training run from a resolved config: opens the data, builds (or loads) both networks, builds the training
 * algorithm ({@link Algorithms}), prepares the run directory, hangs the standard listeners on the loop
 * ({@link StandardListeners}) and runs it.
 *
 * <pre>{@code
 * Path runDir = new TrainingRun(config, false).run();                           // outputs/00000-<name>/
 * new TrainingRun(config, false).resumingFrom(runDir, loaded, changes).run();   // the same run, continued
 * }</pre>
 */
public final class TrainingRun {
    /** The file in every run directory that holds the resolved config. */
    public static final String CONFIG_FILE = "config.yaml";
    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private final RunConfig config;
    private final boolean terminal;
    private final List<TrainingListener> extraListeners = new ArrayList<>();
    private StandardListeners.Outputs outputs = StandardListeners.Outputs.ALL;
    private Resume resume;
    private final Stop stop = new Stop();
    private EvalListener.EvaluatorSource evaluators;
    /** Null for the local loop. */
    private LoopFactory loops;

    public TrainingRun(RunConfig config, boolean terminal) {
        this.config = config;
        this.terminal = terminal;
        this.evaluators = () -> Evaluator.forData(config.data(), new ExtractorCache(ExtractorCache.defaultDirectory()));
    }

    /** Adds a listener after the standard ones (metrics, samples, checkpoints, progress). */
    public TrainingRun withListener(TrainingListener listener) {
        extraListeners.add(listener);
        return this;
    }

    /**
     * Leaves out the run directory's files (metrics, samples, checkpoints, progress): for benchmarks, which
     * time the loop alone. The run directory is then a temporary one, deleted afterwards if empty.
     */
    public TrainingRun withoutStandardOutputs() {
        outputs = StandardListeners.Outputs.NONE;
        return this;
    }

    /** With {@link #withoutStandardOutputs()}: keep the monitors (their records are dropped), to time their cost. */
    public TrainingRun withMonitors() {
        if (outputs == StandardListeners.Outputs.NONE) {
            outputs = StandardListeners.Outputs.MONITORS_ONLY;
        }
        return this;
    }

    /**
     * Trains with the loop {@code factory} makes (gan-spark's rounds on a cluster) instead of the local one; the run
     * directory, listeners, checkpoints and resume work as for a local run.
     */
    public TrainingRun withLoop(LoopFactory factory) {
        this.loops = java.util.Objects.requireNonNull(factory, "factory");
        return this;
    }

    /** The evaluator of the scores during training ({@code eval.every}): for tests, a small feature network. */
    TrainingRun withEvaluator(EvalListener.EvaluatorSource source) {
        this.evaluators = source;
        return this;
    }

    /**
     * Scores during training ({@code eval.every}) by this evaluator, already prepared, instead of one built from the
     * config's data: for many runs that share one (a study), which then pay for its preparation once.
     */
    public TrainingRun withSharedEvaluator(Evaluator evaluator) {
        java.util.Objects.requireNonNull(evaluator, "evaluator");
        return withEvaluator(() -> evaluator);
    }

    /**
     * Continues the run in {@code runDirectory} from a checkpoint read from it, instead of starting a new run:
     * the networks with their optimiser state, the counters, and every {@link Resumable} state come from the
     * checkpoint, so the run goes on exactly as if it had not stopped. Records after the checkpoint's iteration
     * are dropped from metrics.jsonl (they are written again). The networks keep the optimiser settings the
     * checkpoint saved them with; to bring a changed {@code train.g} or {@code train.d} to them, give the checkpoint's
     * config ({@link #resumingFrom(Path, Checkpoints.Loaded, RunConfig, List)}).
     *
     * @param configChanges differences from the checkpoint's config that the user allowed; logged and recorded
     */
    public TrainingRun resumingFrom(Path runDirectory, Checkpoints.Loaded checkpoint,
                                    List<ConfigDiff.Change> configChanges) {
        this.resume = new Resume(runDirectory, checkpoint, configChanges, null);
        return this;
    }

    /**
     * As {@link #resumingFrom(Path, Checkpoints.Loaded, List)}, the checkpoint trained with {@code saved}: the
     * optimisers of the networks read from it are brought to this run's config ({@link ResumeChanges}).
     */
    public TrainingRun resumingFrom(Path runDirectory, Checkpoints.Loaded checkpoint, RunConfig saved,
                                    List<ConfigDiff.Change> configChanges) {
        this.resume = new Resume(runDirectory, checkpoint, configChanges, saved);
        return this;
    }

    /**
     * Asks training to stop after the iteration in progress and write its checkpoint (Ctrl-C, SIGTERM). Safe to
     * call from any thread at any time.
     */
    public void requestStop() {
        stop.request();
    }

    /** Whether the last {@link #run()} ended on {@link #requestStop()} before {@code train.iterations}. */
    public boolean stopped() {
        return stop.stopped;
    }

    /** The generator updates done when the last {@link #run()} ended, resumed ones included. */
    public long iterationsDone() {
        return stop.iterationsDone;
    }

    /** Trains to {@code train.iterations} (or until {@link #requestStop()}) and returns the run directory. */
    public Path run() throws IOException {
        NativeBackend.initialise();
        log.info(NativeBackend.describe());
        if (loops == null && config.train().distributed().enabled()) {
            log.warn("train.distributed ({} partitions, rounds of {} iterations) is ignored: this run trains on this "
                    + "machine alone; give --spark MASTER to train on Spark", config.train().distributed().partitions(),
                    config.train().distributed().roundSteps());
        }
        RunNetworks.requirePrecision(config.train().precision()); // before the run directory exists
        long started = System.nanoTime();
        TrainingData data = TrainingData.open(config.data());
        ImageShape shape = new ImageShape(config.data().channels(), config.data().imageSize());
        log.info("data: {} images of {}x{}x{} from {}", data.size(), shape.channels(), shape.size(), shape.size(),
                config.data().path());
        Path runDir = outputs == StandardListeners.Outputs.ALL ? RunDirectories.prepare(config, resume)
                : RunDirectories.temporary();
        Seeds seeds = Seeds.of(config.train().seed());
        Nd4j.getRandom().setSeed(seeds.global());
        RunClasses classes = RunClasses.of(config, data, seeds.latents());
        if (classes != null) {
            log.info("class-conditional {}: {} classes {}, fakes drawn {}", classes.generator()
                            ? classes.discriminator() ? "G and D" : "G alone" : "D alone", classes.count(),
                    classes.names(), config.model().fakeClasses().name().toLowerCase(java.util.Locale.ROOT));
            if (outputs == StandardListeners.Outputs.ALL) {
                ClassesFile.of(classes, config.data()).write(runDir);
            }
        }
        RunNetworks networks = RunNetworks.of(config, shape, seeds, resume == null ? null
                : resume.from().checkpoint(), classes == null ? 0 : classes.count());
        if (resume != null && resume.saved() != null) {
            ResumeChanges.applyOptimisers(resume.saved().train(), config.train(), networks.generator(),
                    networks.discriminator());
        }
        Model g = networks.generator().model();
        Model d = networks.discriminator().model();
        NativeBackend.logHelpersOnce(Map.of(NetworkRole.GENERATOR, g, NetworkRole.DISCRIMINATOR, d));
        log.info("G: {} parameters, D: {} parameters{}", g.numParams(), d.numParams(),
                networks.average().isPresent() ? ", and a moving average of G" : "");
        Algorithms.Built algorithm = Algorithms.of(config.train(), config.model().auxClassifier(), seeds);
        log.info("phases: {}", String.join(", ", algorithm.algorithm().phaseNames()));
        OptimizerConfig dOptimizer = Algorithms.discriminatorOptimizer(config.train());
        if (dOptimizer != config.train().d()) {
            log.info("lazy {} every {} D steps: D's Adam runs at lr {}, beta1 {}, beta2 {} (train.d scaled by c = "
                            + "{}/{}, as StyleGAN2)", config.train().penalty().type().yamlName(),
                    config.train().penalty().every(), dOptimizer.lr(), dOptimizer.beta1(), dOptimizer.beta2(),
                    config.train().penalty().every(), config.train().penalty().every() + 1);
        }

        TrainingSession session = new TrainingSession(config, runDir, shape, networks.generator(),
                networks.discriminator());
        try (BatchSource batches = data.batches(config.train().batchSize(), seeds.dataOrder())) {
            Latents latents = new Latents(config.model().latentDim(), seeds.latents(), DataType.FLOAT);
            List<Resumable> state = new ArrayList<>(algorithm.state());
            if (classes != null) {
                state.add(classes.resumable());
            }
            if (loops != null) {
                state.addAll(loops.state());
            }
            StandardListeners.Wiring wiring = StandardListeners.wire(config, outputs, terminal, batches, latents,
                    state, resume, networks, classes, evaluators, extraListeners);
            TrainingLoop loop = loops == null ? new GanTrainer(session, batches::next, latents,
                    algorithm.algorithm(), classes == null ? null : classes.forLoop(batches), wiring.listeners())
                    : loops.create(new LoopParts(config, session, networks.generator(), networks.discriminator(),
                            networks.average().map(average -> average.network()), wiring.listeners().stream()
                            .filter(listener -> !(listener instanceof EmaListener)).toList(), wiring.state()));
            if (resume != null) {
                // Last: building the networks above reseeded ND4J's global generator, which must continue as saved.
                Resumables.restore(resume.from(), wiring.state());
                loop.resumeAt(resume.at().iteration(), resume.at().imagesSeen());
                log.info("resuming {} at iteration {} ({} images seen) from {}", runDir, resume.at().iteration(),
                        resume.at().imagesSeen(), resume.from().file());
            }
            log.info("ready to train after {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
            stop.run(loop, config.train().iterations());
        }
        return runDir;
    }

    /** A stop asked for from another thread (a signal), before or while the loop runs, and how the run ended. */
    private static final class Stop {
        private volatile boolean requested;
        private volatile TrainingLoop running;
        private boolean stopped;
        private long iterationsDone;

        void request() {
            requested = true;
            TrainingLoop loop = running;
            if (loop != null) {
                loop.requestStop();
            }
        }

        void run(TrainingLoop loop, long iterations) {
            running = loop;
            if (requested) {
                loop.requestStop();
            }
            try {
                loop.run(iterations);
            } finally {
                running = null;
                iterationsDone = loop.iteration();
                stopped = loop.stoppedEarly(iterations);
            }
        }
    }
}
