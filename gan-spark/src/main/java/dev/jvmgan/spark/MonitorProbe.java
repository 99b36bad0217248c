package dev.jvmgan.spark;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.monitor.MonitorListener;
import dev.jvmgan.run.LoopParts;
import dev.jvmgan.run.Replica;
import dev.jvmgan.train.Inspection;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The health monitors' check on Spark, on the driver: the partitions' iterations are never inspected (their
 * gradients and layer inputs stay on the executors), so at the end of a round that contains a check iteration
 * ({@code monitors.every}) the driver trains ONE inspected iteration of the toolkit's own loop on a throw-away copy
 * of the averaged model, and the run's {@link MonitorListener} judges that iteration as a local run's monitors judge
 * theirs:
 * <pre>
 *   copy   = Replica(config, shard 0 of N, seed = probeSeed(train.seed, to))     (a fresh copy per check)
 *   copy  &lt;- the driver's G, D, both Adam states, G's moving average, spectral u and v  (the round's average)
 *   copy.resumeAt(to - 1);  copy.trainTo(to)    one iteration, inspected, labelled "to"
 *   the run's monitors &lt;- inspected(to)           records, alerts, charts in the run directory
 *   the copy is discarded
 * </pre>
 * So the gradients, update ratios, layer inputs and D outputs the monitors see are the averaged model's, on one
 * batch of partition 0's shard. The copy's seed depends only on (train.seed, to), so a resumed run checks exactly as
 * one that never stopped. The copy reseeds the calling thread's ND4J generator: the caller saves and restores the
 * driver's streams around {@link #check}.
 */
final class MonitorProbe {
    /** SplittableRandom's increment, as {@link Round#partitionSeed}; stepped downwards, away from the partitions'. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final LoopParts parts;
    private final MonitorListener monitors;
    private final int partitions;

    private MonitorProbe(LoopParts parts, MonitorListener monitors, int partitions) {
        this.parts = parts;
        this.monitors = monitors;
        this.partitions = partitions;
    }

    /** The probe of the run's monitors; one that never checks when the run has none ({@code monitors.every: 0}). */
    static MonitorProbe of(LoopParts parts, int partitions) {
        MonitorListener monitors = parts.listeners().stream().filter(MonitorListener.class::isInstance)
                .map(MonitorListener.class::cast).findFirst().orElse(null);
        return new MonitorProbe(parts, monitors, partitions);
    }

    /** Whether the round of iterations (from, to] contains a check iteration, so that one check is due at its end. */
    boolean due(long from, long to) {
        if (monitors == null) {
            return false;
        }
        for (long i = from + 1; i <= to; i++) {
            if (monitors.wantsInspection(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One inspected iteration, labelled {@code to}, of a copy of the driver's networks as they are now.
     *
     * @param imagesSeen the run's real images before iteration {@code to} (all partitions')
     * @throws dev.jvmgan.monitor.MonitorStopException when an alert's policy is {@code stop}
     */
    void check(long to, long imagesSeen) {
        TrainableNetwork g = parts.generator();
        TrainableNetwork d = parts.discriminator();
        Optional<TrainableNetwork> average = parts.average();
        ModelState model = ModelState.of(g, d, average);
        PartitionCarry vectors = PartitionCarry.of(Map.of(), g, d, average);
        TrainingListener forward = new ForwardInspection(monitors, parts.session(), to);
        TrainingData shard = Shard.of(parts.config().data(), 0, partitions);
        try (Replica copy = Replica.open(parts.config(), shard, Shard.wholeLabels(shard),
                seed(parts.config().train().seed(), to), List.of(forward))) {
            model.applyTo(copy.generator(), copy.discriminator(), copy.average());
            vectors.applySpectral(copy.generator(), copy.discriminator(), copy.average());
            copy.resumeAt(to - 1, imagesSeen / partitions);
            copy.trainTo(to);
        }
    }

    /**
     * The copy's seed for the check at {@code iteration}: a draw from (seed, iteration), stepped the other way from
     * {@link Round#partitionSeed}'s {@code seed + p * gamma}, so it is none of the partitions' seeds.
     */
    static long seed(long seed, long iteration) {
        return new SplittableRandom(seed - (iteration + 1) * GOLDEN_GAMMA).nextLong();
    }

    /**
     * Hands the copy's inspection at {@code iteration} to the run's monitors, and nothing else: the copy's start, end
     * and iteration events are not the run's. The monitors get the run's session (its directory, for the charts)
     * with the copy's networks, whose layers and parameters the inspection describes.
     */
    private record ForwardInspection(MonitorListener monitors, TrainingSession run, long iteration)
            implements TrainingListener {
        @Override
        public boolean wantsInspection(long next) {
            return next == iteration;
        }

        @Override
        public void inspected(TrainingSession copy, IterationStats stats, Inspection inspection) {
            monitors.inspected(new TrainingSession(run.config(), run.runDirectory(), run.imageShape(),
                    copy.generator(), copy.discriminator()), stats, inspection);
        }
    }
}
