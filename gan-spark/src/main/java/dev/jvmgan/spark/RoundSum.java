package dev.jvmgan.spark;

import dev.jvmgan.train.IterationStats;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sum over partitions of what a round returns, as Spark's tree aggregation builds it: the flat model state
 * summed in double precision (so that the order in which partial sums meet matters little, and a sum of one
 * partition is its own values exactly), each iteration's figures summed, and every partition's carried state.
 * {@link #average()} divides by the partitions counted.
 */
final class RoundSum implements Serializable {
    /** The figures of {@link IterationStats} that are averaged, in this order. */
    private static final int FIGURES = 7;

    private double[] model;
    private int[] lengths;
    private int gUpdates = -1;
    private int dUpdates = -1;
    private double[][] figures;
    private int partitions;
    private final TreeMap<Integer, PartitionCarry> carries = new TreeMap<>();

    /** The identity: no partition yet. */
    static RoundSum empty() {
        return new RoundSum();
    }

    /** One partition's result. */
    static RoundSum of(int partition, ModelState state, List<IterationStats> stats, PartitionCarry carry) {
        RoundSum sum = new RoundSum();
        float[] values = state.values();
        sum.model = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            sum.model[i] = values[i];
        }
        sum.lengths = state.lengths().clone();
        sum.gUpdates = state.gUpdates();
        sum.dUpdates = state.dUpdates();
        sum.figures = new double[stats.size()][];
        for (int i = 0; i < stats.size(); i++) {
            IterationStats s = stats.get(i);
            sum.figures[i] = new double[] {s.dLoss(), s.gLoss(), s.dReal(), s.dFake(), s.seconds(), s.penalty(),
                    s.penaltyGradientNorm()};
        }
        sum.partitions = 1;
        sum.carries.put(partition, carry);
        return sum;
    }

    /** Adds {@code other} into this one and returns this (Spark's seqOp and combOp). */
    RoundSum add(RoundSum other) {
        if (other.partitions == 0) {
            return this;
        }
        if (partitions == 0) {
            model = other.model.clone();
            lengths = other.lengths;
            gUpdates = other.gUpdates;
            dUpdates = other.dUpdates;
            figures = new double[other.figures.length][];
            for (int i = 0; i < figures.length; i++) {
                figures[i] = other.figures[i].clone();
            }
        } else {
            if (other.model.length != model.length || other.figures.length != figures.length
                    || other.gUpdates != gUpdates || other.dUpdates != dUpdates) {
                throw new IllegalStateException("partitions returned different shapes or update counts: "
                        + model.length + " values, " + figures.length + " iterations, " + gUpdates + "/" + dUpdates
                        + " updates against " + other.model.length + ", " + other.figures.length + ", "
                        + other.gUpdates + "/" + other.dUpdates);
            }
            for (int i = 0; i < model.length; i++) {
                model[i] += other.model[i];
            }
            for (int i = 0; i < figures.length; i++) {
                for (int f = 0; f < FIGURES; f++) {
                    figures[i][f] += other.figures[i][f];
                }
            }
        }
        partitions += other.partitions;
        carries.putAll(other.carries);
        return this;
    }

    int partitions() {
        return partitions;
    }

    /** The mean model: each value's sum over N partitions, divided by N, rounded to float once. */
    ModelState average() {
        float[] mean = new float[model.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (model[i] / partitions);
        }
        return new ModelState(mean, lengths, gUpdates, dUpdates);
    }

    /**
     * The mean figures of the round's {@code index}-th iteration (0-based) across partitions, as the run's
     * iteration {@code iteration} with {@code imagesSeen} real images seen by all partitions together.
     */
    IterationStats stats(int index, long iteration, long imagesSeen) {
        double[] f = figures[index];
        return new IterationStats(iteration, imagesSeen, f[0] / partitions, f[1] / partitions, f[2] / partitions,
                f[3] / partitions, f[4] / partitions, f[5] / partitions, f[6] / partitions);
    }

    int iterations() {
        return figures.length;
    }

    /** Each partition's carried state, by partition. */
    Map<Integer, PartitionCarry> carries() {
        return carries;
    }

    /** The payload of one partition's result (8 bytes a summed value), before Spark's framing. */
    long bytesPerPartition() {
        return 8L * model.length;
    }
}
