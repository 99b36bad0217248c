package dev.jvmgan.spark;

import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.run.Replica;
import dev.jvmgan.train.IterationStats;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.function.Function2;

import java.util.Iterator;
import java.util.List;

/**
 * One partition's part of a round, on an executor: build the run's loop on the partition's shard ({@link Replica},
 * with the partition's seed, and a conditional run's fake classes drawn with the whole data's class shares), set the
 * round's averaged model and the partition's carried streams (the class stream among them), train K iterations of the
 * toolkit's own loop, and return the new state for the sum. A task Spark retries (a lost executor) starts again from
 * the same broadcast, so it computes the same result.
 */
final class RoundTask implements Function2<Integer, Iterator<Integer>, Iterator<RoundSum>> {
    private final Broadcast<Round> round;

    RoundTask(Broadcast<Round> round) {
        this.round = round;
    }

    @Override
    public Iterator<RoundSum> call(Integer partition, Iterator<Integer> ignored) {
        return List.of(run(round.value(), partition)).iterator();
    }

    /** The round on {@code partition}, in this thread (also what tests call without Spark). */
    static RoundSum run(Round round, int partition) {
        RunConfig config = ConfigLoader.parse(round.configYaml(), "the round's config", "spark", List.of(), List.of());
        int partitions = round.partitions();
        TrainingData shard = Shard.of(config.data(), partition, partitions);
        try (Replica replica = Replica.open(config, shard, Shard.wholeLabels(shard),
                Round.partitionSeed(round.seed(), partition))) {
            round.model().applyTo(replica.generator(), replica.discriminator(), replica.average());
            PartitionCarry carry = round.carries().get(partition);
            if (carry != null) {
                replica.restoreStreams(carry.streams());
                carry.applySpectral(replica.generator(), replica.discriminator(), replica.average());
            }
            replica.resumeAt(round.fromIteration(), round.imagesPerCopy());
            List<IterationStats> stats = replica.trainTo(round.toIteration());
            return RoundSum.of(partition, ModelState.of(replica.generator(), replica.discriminator(),
                    replica.average()), stats, PartitionCarry.of(replica.saveStreams(), replica.generator(),
                    replica.discriminator(), replica.average()));
        }
    }
}
