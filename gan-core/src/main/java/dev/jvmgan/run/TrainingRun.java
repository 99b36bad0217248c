package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.monitor.MonitorListener;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.train.GanTrainer;
import dev.jvmgan.train.Latents;
import dev.jvmgan.train.RandomState;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training run from a resolved config: opens the data, builds both networks, creates the run directory,
 * wires the standard listeners and runs the loop.
 */
public final class TrainingRun {
    /** The file in every run directory that holds the resolved config. */
    public static final String CONFIG_FILE = "config.yaml";
    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunConfig config;
    private final boolean terminal;
    private final List<TrainingListener> extraListeners = new ArrayList<>();
    private boolean standardOutputs = true;
    private boolean monitorsInBenchmarks;
    private Path resumeDirectory;
    private Checkpoints.Loaded resumeFrom;
    private List<ConfigDiff.Change> configChanges = List.of();
    private volatile boolean stopRequested;
    private volatile GanTrainer trainer;
    private boolean stopped;
    private long iterationsDone;

    public TrainingRun(RunConfig config, boolean terminal) {
        this.config = config;
        this.terminal = terminal;
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
        standardOutputs = false;
        return this;
    }

    /** With {@link #withoutStandardOutputs()}: keep the monitors (their records are dropped), to time their cost. */
    public TrainingRun withMonitors() {
        monitorsInBenchmarks = true;
        return this;
    }

    /**
     * Continues the run in {@code runDirectory} from a checkpoint read from it, instead of starting a new run:
     * the networks with their optimiser state, the counters, and every {@link Resumable} state come from the
     * checkpoint, so the run goes on exactly as if it had not stopped. Records after the checkpoint's iteration
     * are dropped from metrics.jsonl (they are written again).
     *
     * @param configChanges differences from the checkpoint's config that the user allowed; logged and recorded
     */
    public TrainingRun resumingFrom(Path runDirectory, Checkpoints.Loaded checkpoint,
                                    List<ConfigDiff.Change> configChanges) {
        this.resumeDirectory = runDirectory;
        this.resumeFrom = checkpoint;
        this.configChanges = List.copyOf(configChanges);
        return this;
    }

    /**
     * Asks training to stop after the iteration in progress and write its checkpoint (Ctrl-C, SIGTERM). Safe to
     * call from any thread at any time.
     */
    public void requestStop() {
        stopRequested = true;
        GanTrainer current = trainer;
        if (current != null) {
            current.requestStop();
        }
    }

    /** Whether the last {@link #run()} ended on {@link #requestStop()} before {@code train.iterations}. */
    public boolean stopped() {
        return stopped;
    }

    /** The generator updates done when the last {@link #run()} ended, resumed ones included. */
    public long iterationsDone() {
        return iterationsDone;
    }

    /** Trains to {@code train.iterations} (or until {@link #requestStop()}) and returns the run directory. */
    public Path run() throws IOException {
        NativeBackend.initialise();
        log.info(NativeBackend.describe());
        long started = System.nanoTime();
        TrainingData data = TrainingData.open(config.data());
        ImageShape shape = new ImageShape(config.data().channels(), config.data().imageSize());
        log.info("data: {} images of {}x{}x{} from {}", data.size(), shape.channels(), shape.size(), shape.size(),
                config.data().path());
        Path runDir = runDirectory();

        Seeds seeds = new Seeds(config.train().seed());
        Nd4j.getRandom().setSeed(seeds.global);
        Model g;
        Model d;
        if (resumeFrom == null) {
            g = NetworkFactory.create(NetworkRole.GENERATOR, config.model(), config.train().g(), shape,
                    seeds.generator, DataType.FLOAT);
            d = NetworkFactory.create(NetworkRole.DISCRIMINATOR, config.model(), config.train().d(), shape,
                    seeds.discriminator, DataType.FLOAT);
        } else {
            g = resumeFrom.checkpoint().generator();
            d = resumeFrom.checkpoint().discriminator();
        }
        Map<String, Model> networks = new LinkedHashMap<>();
        networks.put("G", g);
        networks.put("D", d);
        NativeBackend.logHelpersOnce(networks);
        log.info("G: {} parameters, D: {} parameters", g.numParams(), d.numParams());

        TrainingSession session = new TrainingSession(config, runDir, shape,
                new ImageGeneratorNetwork(TrainableNetworks.of(g), shape), TrainableNetworks.of(d));
        try (BatchSource batches = data.batches(config.train().batchSize(), seeds.dataOrder)) {
            train(session, batches, seeds, started);
        }
        return runDir;
    }

    private void train(TrainingSession session, BatchSource batches, Seeds seeds, long started) {
        Path runDir = session.runDirectory();
        List<TrainingListener> listeners = new ArrayList<>();
        List<Resumable> state = new ArrayList<>();
        Latents latents = new Latents(config.model().latentDim(), seeds.latents, DataType.FLOAT);
        state.add(Resumable.of("data", () -> JSON.createObjectNode().put("epoch", batches.epoch())
                .put("position", batches.position()), saved -> restoreDataOrder(batches, saved)));
        state.add(Resumable.of("latents", () -> latents.state().toJson(),
                saved -> latents.restore(RandomState.fromJson(saved))));
        state.add(Resumable.of("nd4jRandom", () -> RandomState.of(Nd4j.getRandom()).toJson(),
                saved -> RandomState.fromJson(saved).applyTo(Nd4j.getRandom())));
        if (standardOutputs) {
            MetricsJsonlListener metrics = new MetricsJsonlListener(config.output().logEvery());
            listeners.add(metrics);
            listeners.add(new LossChartListener(config.monitors().chartEvery()));
            if (config.monitors().enabled()) {
                // Before checkpoints, so that a stop alert ends the run without a checkpoint of the bad state.
                MonitorListener monitors = new MonitorListener(config.monitors(), metrics::append);
                listeners.add(monitors);
                state.add(monitors);
            }
            CheckpointListener checkpoints = new CheckpointListener(config.output());
            state.add(checkpoints);
            listeners.addAll(List.of(
                    new SampleGridListener(config.output().sampleEvery()),
                    checkpoints.carrying(state.stream().filter(r -> r != checkpoints).toList()),
                    new ProgressListener(config.output().logEvery(), terminal)));
            if (resumeFrom != null) {
                metrics.withStartRecord(resumeRecord());
            }
        } else if (config.monitors().enabled() && monitorsInBenchmarks) {
            listeners.add(new MonitorListener(config.monitors(), record -> { }));
        }
        listeners.addAll(extraListeners);
        GanTrainer loop = new GanTrainer(session, batches::next, latents, listeners);
        if (resumeFrom != null) {
            // Last: building the networks above reseeded ND4J's global generator, which must continue as saved.
            Resumables.restore(resumeFrom, state);
            Checkpoint.State at = resumeFrom.checkpoint().state();
            loop.resumeAt(at.iteration(), at.imagesSeen());
            log.info("resuming {} at iteration {} ({} images seen) from {}", runDir, at.iteration(), at.imagesSeen(),
                    resumeFrom.file());
        }
        log.info("ready to train after {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        trainer = loop;
        if (stopRequested) {
            loop.requestStop();
        }
        long target = config.train().iterations();
        try {
            loop.run(target);
        } finally {
            trainer = null;
            iterationsDone = loop.iteration();
            stopped = loop.stoppedEarly(target);
        }
    }

    /** A new numbered run directory, or the resumed one made ready to continue. */
    private Path runDirectory() throws IOException {
        if (!standardOutputs) {
            Path tmp = Files.createTempDirectory("gan-run");
            tmp.toFile().deleteOnExit();
            return tmp;
        }
        Path runDir;
        if (resumeFrom == null) {
            Path root = Path.of(config.output().runsRoot());
            try {
                runDir = RunDirectory.create(root, config.name());
            } catch (IOException e) {
                throw new RunSetupException("output.runsRoot = " + config.output().runsRoot() + ": cannot create a "
                        + "run directory there (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Point "
                        + "output.runsRoot at a writable directory, e.g. --set output.runsRoot=outputs", e);
            }
            log.info("run directory {}", runDir);
        } else {
            runDir = resumeDirectory;
            for (Path leftover : Checkpoints.deleteLeftovers(runDir)) {
                log.info("deleted {}, left by a checkpoint write that was interrupted", leftover);
            }
            long at = resumeFrom.checkpoint().state().iteration();
            int dropped = MetricsJsonlListener.truncateAfter(runDir, at);
            if (dropped > 0) {
                log.info("dropped {} metrics records after iteration {} (they will be written again)", dropped, at);
            }
            for (ConfigDiff.Change change : configChanges) {
                if (change.schedule()) {
                    log.info("schedule changed on resume: {}", change);
                } else {
                    log.warn("config change on resume (allowed): {}", change);
                }
            }
        }
        RunDirectory.writeAtomically(runDir.resolve(CONFIG_FILE), ConfigLoader.toYaml(config));
        return runDir;
    }

    private ObjectNode resumeRecord() {
        ObjectNode record = JSON.createObjectNode();
        Checkpoint.State at = resumeFrom.checkpoint().state();
        record.put("type", "resume").put("iteration", at.iteration()).put("imagesSeen", at.imagesSeen())
                .put("checkpoint", resumeFrom.file().getFileName().toString())
                .put("time", java.time.Instant.now().toString());
        var changes = record.putArray("configChanges");
        configChanges.forEach(change -> changes.addObject().put("key", change.key()).put("before", change.before())
                .put("after", change.after()));
        return record;
    }

    private static void restoreDataOrder(BatchSource batches, JsonNode saved) {
        int epoch = saved.path("epoch").asInt(-1);
        int position = saved.path("position").asInt(-1);
        try {
            batches.restore(epoch, position);
        } catch (IllegalArgumentException e) {
            // Only after an allowed change of batchSize or data: the saved position no longer exists.
            log.warn("data order: {}; continuing at the start of epoch {}", e.getMessage(), Math.max(0, epoch));
            batches.restore(Math.max(0, epoch), 0);
        }
    }

    /** Independent seeds for each random stream, all derived from the run's one seed. */
    static final class Seeds {
        final long global;
        final long generator;
        final long discriminator;
        final long latents;
        final long dataOrder;

        Seeds(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            global = root.nextLong();
            generator = root.nextLong();
            discriminator = root.nextLong();
            latents = root.nextLong();
            dataOrder = root.nextLong();
        }
    }
}
