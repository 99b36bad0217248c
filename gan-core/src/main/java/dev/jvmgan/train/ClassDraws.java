package dev.jvmgan.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The classes y of the generated images of a class-conditional GAN, drawn from a stream of their own (as
 * {@link Latents}, so neither stream shifts the other): class k with probability {@code p[k]}, by inverse CDF of a
 * uniform u in [0, 1): the first k with u &lt; p[0] + ... + p[k]. Uniform p (1/K each) or the data's class shares.
 */
public final class ClassDraws {
    private final double[] cumulative;
    private final Random rng;
    private INDArray buffer;

    /** @param weights class k's relative weight, &gt;= 0, not all 0 (counts or probabilities) */
    public ClassDraws(double[] weights, long seed) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no classes to draw from");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("class weights must be finite and >= 0: " + Arrays.toString(weights));
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("class weights are all 0");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k];
            cumulative[k] = sum / total;
        }
        cumulative[weights.length - 1] = 1.0; // rounding must not leave u in [sum, 1) unassigned
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** Every one of {@code numClasses} classes with probability 1 / numClasses. */
    public static ClassDraws uniform(int numClasses, long seed) {
        double[] weights = new double[numClasses];
        Arrays.fill(weights, 1.0);
        return new ClassDraws(weights, seed);
    }

    /** Each class as often as among {@code labels} (class indices in [0, numClasses)). */
    public static ClassDraws frequencies(int[] labels, int numClasses, long seed) {
        double[] counts = new double[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return new ClassDraws(counts, seed);
    }

    /** The next {@code count} classes of the stream (a new array). */
    public int[] next(int count) {
        if (buffer == null || buffer.length() != count) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffer = Nd4j.createUninitialized(DataType.DOUBLE, count);
            }
        }
        Nd4j.getExecutioner().exec(new UniformDistribution(buffer, 0.0, 1.0), rng);
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            double u = buffer.getDouble(i);
            int k = 0;
            while (k < cumulative.length - 1 && u >= cumulative[k]) {
                k++;
            }
            classes[i] = k;
        }
        return classes;
    }

    public int numClasses() {
        return cumulative.length;
    }

    /** Where the stream stands, for checkpoints. */
    public RandomState state() {
        return RandomState.of(rng);
    }

    /** Continues the stream from a saved {@link #state()}. */
    public void restore(RandomState state) {
        state.applyTo(rng);
    }
}
