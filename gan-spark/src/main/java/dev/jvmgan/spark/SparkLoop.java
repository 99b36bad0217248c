package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.LoopParts;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingLoop;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The driver's loop: rounds of local SGD over N partitions,
 * <pre>
 *   repeat until train.iterations:
 *     broadcast the averaged model (G, D, both optimisers' state, G's average) and each partition's streams
 *     each partition p: K iterations of the toolkit's loop on its shard               ({@link RoundTask})
 *     tree-aggregate the partitions' flat arrays, divide by N, set them on the driver's networks
 *     the run's listeners see the round's K iterations (figures averaged over partitions), in order
 * </pre>
 * The driver's networks change only once a round's job has succeeded, so a round that fails (every retry of a task
 * used up) ends training with the last round's model, which the checkpoint listener does not write after a failure:
 * no checkpoint ever holds a half-averaged model. Samples, checkpoints, scores and monitor checks happen at round
 * ends, where the averaged model exists ({@link SparkLoops} checks their cadences); a monitor check is one inspected
 * iteration of a copy of the averaged model ({@link MonitorProbe}), before the round's last {@code iterationDone}
 * as locally {@code inspected} comes before it, so a checkpoint at that iteration holds the monitors' state after it.
 *
 * <p>Partition 0 carries the driver's own streams (data order, latents, ND4J's generator, the algorithm's), which
 * the checkpoints save as a local run's: so one partition is the local loop, and a checkpoint continues locally or on
 * Spark either way. Partitions 1..N-1 carry theirs in the checkpoint's {@code spark} state.
 */
final class SparkLoop implements TrainingLoop {
    private static final Logger log = LoggerFactory.getLogger(SparkLoop.class);

    private final JavaSparkContext spark;
    private final LoopParts parts;
    private final SparkLoops.Carries carries;
    private final int partitions;
    private final int roundSteps;
    private final String configYaml;
    private final long imagesPerIteration;
    private final MonitorProbe probe;
    private long iteration;
    private long imagesSeen;
    private volatile boolean stopRequested;

    SparkLoop(JavaSparkContext spark, LoopParts parts, SparkLoops.Carries carries, int partitions) {
        this.spark = spark;
        this.parts = parts;
        this.carries = carries;
        this.partitions = partitions;
        RunConfig config = parts.config();
        this.roundSteps = config.train().distributed().roundSteps();
        this.configYaml = ConfigLoader.toYaml(config);
        this.imagesPerIteration = (long) partitions * config.train().batchSize() * config.train().dStepsPerGStep();
        this.probe = MonitorProbe.of(parts, partitions);
    }

    @Override
    public void resumeAt(long iteration, long imagesSeen) {
        this.iteration = iteration;
        this.imagesSeen = imagesSeen;
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public void run(long iterations) {
        List<TrainingListener> started = new ArrayList<>();
        Throwable failure = null;
        try {
            for (TrainingListener listener : parts.listeners()) {
                listener.trainingStarted(parts.session());
                started.add(listener);
            }
            while (iteration < iterations && !stopRequested) {
                round(Math.min(iteration + roundSteps, iterations));
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Throwable thrown = failure;
        for (TrainingListener listener : started) {
            try {
                listener.trainingEnded(parts.session(), failure);
            } catch (RuntimeException | Error e) {
                if (thrown == null) {
                    thrown = e;
                } else {
                    thrown.addSuppressed(e);
                }
            }
        }
        if (thrown instanceof RuntimeException e) {
            throw e;
        } else if (thrown instanceof Error e) {
            throw e;
        }
    }

    private void round(long to) {
        TrainableNetwork g = parts.generator();
        TrainableNetwork d = parts.discriminator();
        Optional<TrainableNetwork> average = parts.average();
        List<PartitionCarry> carried = new ArrayList<>();
        carried.add(PartitionCarry.of(driverStreams(), g, d, average));
        for (int p = 1; p < partitions; p++) {
            carried.add(carries.get(p));
        }
        Round round = new Round(configYaml, parts.config().train().seed(), iteration, to, imagesSeen / partitions,
                ModelState.of(g, d, average), carried);
        Broadcast<Round> sent = spark.broadcast(round);
        RoundSum sum;
        try {
            sum = spark.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                    .mapPartitionsWithIndex(new RoundTask(sent), true)
                    .treeAggregate(RoundSum.empty(), RoundSum::add, RoundSum::add, 2);
        } finally {
            sent.destroy();
        }
        if (sum.partitions() != partitions || sum.iterations() != to - iteration) {
            throw new IllegalStateException("round to iteration " + to + " returned " + sum.partitions()
                    + " partitions and " + sum.iterations() + " iterations; expected " + partitions + " and "
                    + (to - iteration));
        }
        // Only now, with every partition's result in hand, does the driver's model change.
        sum.average().applyTo(g, d, average);
        PartitionCarry first = sum.carries().get(0);
        first.applySpectral(g, d, average);
        restoreDriverStreams(first.streams());
        for (int p = 1; p < partitions; p++) {
            carries.put(p, sum.carries().get(p));
        }
        log.debug("round to iteration {}: broadcast {} bytes of model, {} partitions returned {} bytes each",
                to, round.model().bytes(), partitions, sum.bytesPerPartition());
        carries.countRound(round.model().bytes(), sum.bytesPerPartition() * partitions);
        for (int i = 0; i < sum.iterations(); i++) {
            iteration++;
            imagesSeen += imagesPerIteration;
            var stats = sum.stats(i, iteration, imagesSeen);
            if (iteration == to && probe.due(round.fromIteration(), to)) {
                checkMonitors(to);
            }
            for (TrainingListener listener : parts.listeners()) {
                listener.iterationDone(parts.session(), stats);
            }
        }
    }

    /** The monitors' check of the averaged model; it leaves the driver's streams (partition 0's) where they were. */
    private void checkMonitors(long to) {
        Map<String, JsonNode> streams = driverStreams();
        try {
            probe.check(to, imagesSeen - imagesPerIteration);
        } finally {
            restoreDriverStreams(streams);
        }
    }

    /** The driver's random streams and data order: its state parts that are not listeners' own. */
    private Map<String, JsonNode> driverStreams() {
        Map<String, JsonNode> streams = new LinkedHashMap<>();
        for (Resumable part : streamParts()) {
            streams.put(part.stateName(), part.saveState());
        }
        return streams;
    }

    private void restoreDriverStreams(Map<String, JsonNode> saved) {
        for (Resumable part : streamParts()) {
            JsonNode state = saved.get(part.stateName());
            if (state != null) {
                part.restoreState(state);
            }
        }
    }

    private List<Resumable> streamParts() {
        return parts.state().stream().filter(part -> !(part instanceof TrainingListener)
                && !part.stateName().equals(SparkLoops.STATE)).toList();
    }
}
