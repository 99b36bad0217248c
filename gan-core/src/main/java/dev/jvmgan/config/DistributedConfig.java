package dev.jvmgan.config;

/**
 * Data-parallel training by local SGD ({@code train.distributed}, used by {@code gan train --spark}): N partitions
 * each train a copy of G and D on their shard of the data for K iterations, then the copies' parameters and
 * optimiser states are averaged, and the next round starts from the average:
 * <pre>
 *   theta_{r+1} = (1 / N) sum_p theta_{r,p}^{(K)}     (parameters, Adam's moments, G's moving average alike)
 * </pre>
 * where {@code theta_{r,p}^{(K)}} is partition p's state after K iterations from {@code theta_r}. Off by default; a
 * local {@code gan train} of a config that sets it trains on one machine and says so.
 *
 * @param roundSteps K, iterations each partition runs between averages, 1..100000. The averaged model exists only
 *                   at round ends, so sample grids, checkpoints, scores and monitor checks must fall there: their
 *                   cadences must be multiples of K (checked when training on Spark)
 * @param partitions N, the number of partitions (shards of the data, copies of the networks), 0..4096; 0 is off
 *                   locally and, with {@code --spark}, takes Spark's default parallelism
 */
public record DistributedConfig(int roundSteps, int partitions) {

    static final Bound ROUND_STEPS = Bound.between(1, 100_000);
    static final Bound PARTITIONS = Bound.between(0, 4096);

    /** Off: no partitions; a round of 10 iterations divides the default cadences (50, 250, 1000). */
    static final Schema<DistributedConfig> SCHEMA = Schema.of(DistributedConfig.class,
            Key.integer("roundSteps", 10, ROUND_STEPS),
            Key.integer("partitions", 0, PARTITIONS));

    public DistributedConfig {
        ROUND_STEPS.require("roundSteps", roundSteps);
        PARTITIONS.require("partitions", partitions);
    }

    /** Not distributed: the default. */
    public static DistributedConfig off() {
        return SCHEMA.defaults();
    }

    /** Whether the config asks for more than the local loop: {@code partitions > 0}. */
    public boolean enabled() {
        return partitions > 0;
    }
}
