package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.backend.Buffers;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns per-unit fractions into {@link LayerUnits}, and remembers which units were never positive at each of the last
 * K checks, per network and layer, to count ReLU units dead for the whole window.
 *
 * <p>One check may see a layer on several batches (D on the real batch and on the fake batch): a unit is never
 * positive at that check only if it was non-positive on every entry of every batch, since one positive entry means it
 * passed gradient for that input. Means ({@code meanNonPositive}, {@code saturatedFraction}) weigh the batches
 * equally, which is exact for the usual equal-sized real and fake batches.
 *
 * <p>Not thread-safe: call it from the training thread.
 *
 * <pre>{@code
 * DeadUnitTracker tracker = new DeadUnitTracker(3);
 * LayerUnits u = tracker.record(NetworkRole.DISCRIMINATOR, "act2", ActivationType.RELU,
 *         List.of(UnitStats.nonPositiveFraction(preReal), UnitStats.nonPositiveFraction(preFake)), List.of(), null);
 * }</pre>
 */
public final class DeadUnitTracker {
    private final int window;
    private final Map<String, Deque<boolean[]>> history = new HashMap<>();

    /** @param window K, the number of consecutive checks a ReLU unit must be never positive in to count as dead for the window, &gt;= 1 */
    public DeadUnitTracker(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window: must be >= 1 check, got " + window);
        }
        this.window = window;
    }

    public int window() {
        return window;
    }

    /**
     * The remembered never-positive masks, oldest check first, by {@code network/layer} ({@code "D/act2"}): the
     * whole state, for checkpoints. At most {@code window} masks per layer, so its size does not grow with training.
     */
    public Map<String, List<boolean[]>> masks() {
        Map<String, List<boolean[]>> copy = new TreeMap<>();
        history.forEach((key, checks) -> copy.put(key, checks.stream().map(boolean[]::clone).toList()));
        return copy;
    }

    /** Replaces the state with saved {@link #masks()}; at most the last {@code window} checks of each are kept. */
    public void restore(Map<String, List<boolean[]>> masks) {
        history.clear();
        masks.forEach((key, checks) -> {
            Deque<boolean[]> deque = new ArrayDeque<>(window + 1);
            checks.stream().skip(Math.max(0, checks.size() - window)).forEach(m -> deque.addLast(m.clone()));
            history.put(key, deque);
        });
    }

    /**
     * Combines one check's batches for one layer and updates the window history.
     *
     * @param nonPositivePerBatch per batch, {@link UnitStats#nonPositiveFraction} (at least one batch, equal lengths)
     * @param saturatedPerBatch   per batch, {@link UnitStats#saturatedFraction}; empty or null means none measured (0)
     * @param preluSlopes         the PReLU layer's slopes (any shape), or null when the layer is not PReLU
     */
    public LayerUnits record(NetworkRole network, String layer, ActivationType type, List<double[]> nonPositivePerBatch,
                             List<double[]> saturatedPerBatch, INDArray preluSlopes) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(type, "type");
        String where = NetworkLetter.of(network) + " " + layer;
        if (nonPositivePerBatch == null || nonPositivePerBatch.isEmpty()) {
            throw new IllegalArgumentException(where + ": nonPositivePerBatch needs at least one batch");
        }
        int units = nonPositivePerBatch.get(0).length;
        boolean[] neverPositive = new boolean[units];
        Arrays.fill(neverPositive, true);
        double nonPositiveSum = 0;
        for (double[] batch : nonPositivePerBatch) {
            requireUnits(where, "nonPositivePerBatch", batch, units);
            for (int u = 0; u < units; u++) {
                // Exact: the fraction is count/total, 1.0 only when every entry was <= 0.
                neverPositive[u] &= batch[u] >= 1.0;
                nonPositiveSum += batch[u];
            }
        }
        double saturatedMean = 0;
        if (saturatedPerBatch != null && !saturatedPerBatch.isEmpty()) {
            double sum = 0;
            for (double[] batch : saturatedPerBatch) {
                requireUnits(where, "saturatedPerBatch", batch, units);
                for (double f : batch) {
                    sum += f;
                }
            }
            saturatedMean = units == 0 ? 0 : sum / ((double) units * saturatedPerBatch.size());
        }
        int count = 0;
        for (boolean n : neverPositive) {
            count += n ? 1 : 0;
        }
        int deadForWindow = remember(NetworkLetter.of(network) + "/" + layer, where, neverPositive,
                type == ActivationType.RELU);
        double meanNonPositive = units == 0 ? 0 : nonPositiveSum / ((double) units * nonPositivePerBatch.size());
        return new LayerUnits(network, layer, type, units, count, units == 0 ? 0 : (double) count / units,
                deadForWindow, meanNonPositive, saturatedMean, slopes(preluSlopes));
    }

    /** Appends this check's mask and counts units never positive in all of the last K checks (0 before K checks). */
    private int remember(String key, String where, boolean[] neverPositive, boolean relu) {
        Deque<boolean[]> checks = history.computeIfAbsent(key, k -> new ArrayDeque<>(window + 1));
        if (!checks.isEmpty() && checks.peekLast().length != neverPositive.length) {
            // Layer widths are fixed for a run; a change means two layers share a key, which would mix their units.
            throw new IllegalArgumentException(where + ": " + neverPositive.length + " units, but earlier checks had "
                    + checks.peekLast().length);
        }
        checks.addLast(neverPositive);
        if (checks.size() > window) {
            checks.removeFirst();
        }
        if (!relu || checks.size() < window) {
            return 0;
        }
        int dead = 0;
        for (int u = 0; u < neverPositive.length; u++) {
            boolean all = true;
            for (boolean[] check : checks) {
                all &= check[u];
            }
            dead += all ? 1 : 0;
        }
        return dead;
    }

    private static void requireUnits(String where, String name, double[] batch, int units) {
        if (batch == null || batch.length != units) {
            throw new IllegalArgumentException(where + ": every batch of " + name + " must have " + units
                    + " units, got " + (batch == null ? "null" : batch.length));
        }
    }

    private static double[] slopes(INDArray preluSlopes) {
        if (preluSlopes == null || preluSlopes.isEmpty()) {
            return new double[0];
        }
        INDArray s = preluSlopes.castTo(DataType.DOUBLE);
        double[] minMeanMax = {s.minNumber().doubleValue(), s.meanNumber().doubleValue(), s.maxNumber().doubleValue()};
        Buffers.releaseIfNot(preluSlopes, s);
        return minMeanMax;
    }
}
