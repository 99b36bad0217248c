package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.train.GanTrainer;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.Latents;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One copy of a run's training loop without its outputs, built exactly as {@link TrainingRun} builds a local run
 * (same seeds, same order of random draws), so that a copy with the run's seed on the run's data computes what the
 * local run computes. Data-parallel training (gan-spark) runs one per partition and round: it sets the networks
 * and the random streams, trains K iterations with {@link #trainTo}, and reads them back.
 *
 * <pre>{@code
 * try (Replica replica = Replica.open(config, shard, partitionSeed)) {
 *     replica.restoreStreams(saved);  replica.resumeAt(iteration, imagesSeen);  // and set the networks' arrays
 *     List<IterationStats> done = replica.trainTo(iteration + k);
 *     Map<String, JsonNode> streams = replica.saveStreams();
 * }
 * }</pre>
 * Not thread-safe; ND4J's random generator it drives is the calling thread's.
 */
public final class Replica implements AutoCloseable {
    private final RunNetworks networks;
    private final BatchSource batches;
    private final List<Resumable> streams;
    private final GanTrainer loop;
    /** What the loop's recording listener collects during {@link #trainTo}. */
    private final List<IterationStats> recorded;

    private Replica(RunNetworks networks, BatchSource batches, List<Resumable> streams, GanTrainer loop,
                    List<IterationStats> recorded) {
        this.networks = networks;
        this.batches = batches;
        this.streams = streams;
        this.loop = loop;
        this.recorded = recorded;
    }

    /**
     * @param data the images this copy trains on (a partition's shard)
     * @param seed takes the place of {@code train.seed}: every stream and initial weight is drawn from it
     */
    public static Replica open(RunConfig config, TrainingData data, long seed) {
        return open(config, data, data.labels(), seed, List.of());
    }

    /**
     * As {@link #open(RunConfig, TrainingData, long)}, with {@code listeners} called by the loop after its own
     * (gan-spark's monitor probe asks for an inspection through one).
     */
    public static Replica open(RunConfig config, TrainingData data, long seed, List<TrainingListener> listeners) {
        return open(config, data, data.labels(), seed, listeners);
    }

    /**
     * As {@link #open(RunConfig, TrainingData, long)}, for a shard of the run's data: a class-conditional run's
     * fakes ({@code model.fakeClasses: data}) are drawn with the class shares of {@code classLabels}, the whole
     * data's labels, so that every partition draws the distribution the config asks for rather than its shard's.
     */
    public static Replica open(RunConfig config, TrainingData data, int[] classLabels, long seed) {
        return open(config, data, classLabels, seed, List.of());
    }

    /** The general form: a shard, the whole data's labels for the class shares, and extra listeners. */
    public static Replica open(RunConfig config, TrainingData data, int[] classLabels, long seed,
                               List<TrainingListener> listeners) {
        NativeBackend.initialise();
        ImageShape shape = new ImageShape(config.data().channels(), config.data().imageSize());
        Seeds seeds = Seeds.of(seed);
        // The same order of draws as TrainingRun.run(), so that the run's own seed repeats the local run.
        Nd4j.getRandom().setSeed(seeds.global());
        RunClasses classes = RunClasses.of(config, data, classLabels, seeds.latents());
        RunNetworks networks = RunNetworks.of(config, shape, seeds, null, classes == null ? 0 : classes.count());
        Algorithms.Built algorithm = Algorithms.of(config.train(), config.model().auxClassifier(), seeds);
        BatchSource batches = data.batches(config.train().batchSize(), seeds.dataOrder());
        Latents latents = new Latents(config.model().latentDim(), seeds.latents(), DataType.FLOAT);
        List<Resumable> state = new ArrayList<>(algorithm.state());
        if (classes != null) {
            state.add(classes.resumable());
        }
        List<IterationStats> done = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession session, IterationStats stats) {
                done.add(stats);
            }
        };
        List<TrainingListener> extra = new ArrayList<>(List.of(recorder));
        extra.addAll(listeners);
        StandardListeners.Wiring wiring = StandardListeners.wire(config, StandardListeners.Outputs.NONE, false,
                batches, latents, state, null, networks, classes, null, extra);
        TrainingSession session = new TrainingSession(config, null, shape, networks.generator(),
                networks.discriminator());
        GanTrainer loop = new GanTrainer(session, batches::next, latents, algorithm.algorithm(),
                classes == null ? null : classes.forLoop(batches), wiring.listeners());
        return new Replica(networks, batches, wiring.state(), loop, done);
    }

    public TrainableNetwork generator() {
        return networks.generator();
    }

    public TrainableNetwork discriminator() {
        return networks.discriminator();
    }

    /** The generator's moving average, when {@code train.ema} is on; the loop moves it after every iteration. */
    public Optional<TrainableNetwork> average() {
        return networks.average().map(average -> average.network());
    }

    /** The random streams and the data order ({@code data}, {@code latents}, {@code nd4jRandom}, ...), by name. */
    public Map<String, JsonNode> saveStreams() {
        Map<String, JsonNode> saved = new LinkedHashMap<>();
        streams.forEach(part -> saved.put(part.stateName(), part.saveState()));
        return saved;
    }

    /** Sets the streams {@code saved} names; the others stay where they are. */
    public void restoreStreams(Map<String, JsonNode> saved) {
        for (Resumable part : streams) {
            JsonNode state = saved.get(part.stateName());
            if (state != null) {
                part.restoreState(state);
            }
        }
    }

    /** Continues the counters: the next iteration is {@code iteration + 1}. */
    public void resumeAt(long iteration, long imagesSeen) {
        loop.resumeAt(iteration, imagesSeen);
    }

    /** Trains until {@code iteration} generator updates are done; returns each iteration's figures. */
    public List<IterationStats> trainTo(long iteration) {
        recorded.clear();
        loop.run(iteration);
        return List.copyOf(recorded);
    }

    public long iteration() {
        return loop.iteration();
    }

    public long imagesSeen() {
        return loop.imagesSeen();
    }

    @Override
    public void close() {
        batches.close();
    }
}
