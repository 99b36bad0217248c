package dev.jvmgan.run;

import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetworks;
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
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    private final RunConfig config;
    private final boolean terminal;
    private final List<TrainingListener> extraListeners = new ArrayList<>();
    private boolean standardOutputs = true;
    private boolean monitorsInBenchmarks;

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

    /** Trains to {@code train.iterations} and returns the run directory. */
    public Path run() throws IOException {
        NativeBackend.initialise();
        log.info(NativeBackend.describe());
        long started = System.nanoTime();
        TrainingData data = TrainingData.open(config.data());
        ImageShape shape = new ImageShape(config.data().channels(), config.data().imageSize());
        log.info("data: {} images of {}x{}x{} from {}", data.size(), shape.channels(), shape.size(), shape.size(),
                config.data().path());

        Seeds seeds = new Seeds(config.train().seed());
        Nd4j.getRandom().setSeed(seeds.global);
        Model g = NetworkFactory.create(NetworkRole.GENERATOR, config.model(), config.train().g(), shape,
                seeds.generator, DataType.FLOAT);
        Model d = NetworkFactory.create(NetworkRole.DISCRIMINATOR, config.model(), config.train().d(), shape,
                seeds.discriminator, DataType.FLOAT);
        Map<String, Model> networks = new LinkedHashMap<>();
        networks.put("G", g);
        networks.put("D", d);
        NativeBackend.logHelpersOnce(networks);
        log.info("G: {} parameters, D: {} parameters", g.numParams(), d.numParams());

        Path runDir;
        if (standardOutputs) {
            runDir = RunDirectory.create(Path.of(config.output().runsRoot()), config.name());
            Files.writeString(runDir.resolve(CONFIG_FILE), ConfigLoader.toYaml(config), StandardCharsets.UTF_8);
            log.info("run directory {}", runDir);
        } else {
            runDir = Files.createTempDirectory("gan-run");
            runDir.toFile().deleteOnExit();
        }

        TrainingSession session = new TrainingSession(config, runDir, shape,
                new ImageGeneratorNetwork(TrainableNetworks.of(g), shape), TrainableNetworks.of(d));
        List<TrainingListener> listeners = new ArrayList<>();
        if (standardOutputs) {
            MetricsJsonlListener metrics = new MetricsJsonlListener(config.output().logEvery());
            listeners.add(metrics);
            if (config.monitors().enabled()) {
                // Before checkpoints, so that a stop alert ends the run without a checkpoint of the bad state.
                listeners.add(new MonitorListener(config.monitors(), metrics::append));
            }
            listeners.addAll(List.of(
                    new SampleGridListener(config.output().sampleEvery()),
                    new CheckpointListener(config.output().checkpointEvery()),
                    new ProgressListener(config.output().logEvery(), terminal)));
        } else if (config.monitors().enabled() && monitorsInBenchmarks) {
            listeners.add(new MonitorListener(config.monitors(), record -> { }));
        }
        listeners.addAll(extraListeners);
        Latents latents = new Latents(config.model().latentDim(), seeds.latents, DataType.FLOAT);
        log.info("ready to train after {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        try (BatchSource batches = data.batches(config.train().batchSize(), seeds.dataOrder)) {
            new GanTrainer(session, batches::next, latents, listeners).run(config.train().iterations());
        }
        return runDir;
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
