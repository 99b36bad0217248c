package dev.jvmgan.spark;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the driver broadcasts for one round: the config, the iterations to run, the averaged model and every
 * partition's carried state.
 *
 * @param configYaml      the run's resolved config ({@code gan-core}'s YAML, parsed again on each executor)
 * @param seed            {@code train.seed}; partition p's streams come from {@link #partitionSeed}
 * @param fromIteration   iterations done before the round
 * @param toIteration     iterations done after it ({@code fromIteration + K}, or fewer in a last round)
 * @param imagesPerCopy   real images each partition has seen before the round (the run's, divided by N)
 * @param model           the averaged model the round starts from
 * @param carries         partition p's carried state at index p; null for a partition that starts its streams afresh
 */
record Round(String configYaml, long seed, long fromIteration, long toIteration, long imagesPerCopy,
             ModelState model, List<PartitionCarry> carries) implements Serializable {
    /** SplittableRandom's increment, to spread partition numbers over the seed space. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    int partitions() {
        return carries.size();
    }

    /**
     * Partition 0 trains with {@code train.seed} itself, so that one partition repeats the local run; partition p
     * with a seed drawn from (seed, p), independent of the others.
     */
    static long partitionSeed(long seed, int partition) {
        return partition == 0 ? seed : new SplittableRandom(seed + partition * GOLDEN_GAMMA).nextLong();
    }
}
