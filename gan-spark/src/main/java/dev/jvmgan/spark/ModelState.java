package dev.jvmgan.spark;

import dev.jvmgan.backend.TrainableNetwork;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a round averages, as one flat float array: G's parameters, G's optimiser state, D's parameters, D's optimiser
 * state and, with {@code train.ema}, the moving average's parameters, in that order; with the optimisers' update
 * counts, which every partition advances alike. Plain arrays (not INDArrays), so Spark's serialiser sends bytes only.
 *
 * @param values   the five parts one after another
 * @param lengths  the parts' lengths (the average's 0 without {@code train.ema})
 * @param gUpdates G's optimiser steps so far
 * @param dUpdates D's optimiser steps so far
 */
record ModelState(float[] values, int[] lengths, int gUpdates, int dUpdates) implements Serializable {
    static final int PARTS = 5;

    /** The networks' state now. */
    static ModelState of(TrainableNetwork g, TrainableNetwork d, Optional<TrainableNetwork> average) {
        float[][] parts = {NetworkArrays.params(g), NetworkArrays.updaterState(g), NetworkArrays.params(d),
                NetworkArrays.updaterState(d), average.map(NetworkArrays::params).orElse(new float[0])};
        int[] lengths = new int[PARTS];
        int total = 0;
        for (int i = 0; i < PARTS; i++) {
            lengths[i] = parts[i].length;
            total += lengths[i];
        }
        float[] values = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, values, at, part.length);
            at += part.length;
        }
        return new ModelState(values, lengths, NetworkArrays.updateCount(g), NetworkArrays.updateCount(d));
    }

    /** Sets every part on the networks, in place. */
    void applyTo(TrainableNetwork g, TrainableNetwork d, Optional<TrainableNetwork> average) {
        NetworkArrays.setParams(g, part(0));
        NetworkArrays.setUpdaterState(g, part(1));
        NetworkArrays.setParams(d, part(2));
        NetworkArrays.setUpdaterState(d, part(3));
        if (average.isPresent() != (lengths[4] > 0)) {
            throw new IllegalStateException("the moving average of G is " + (average.isPresent() ? "on" : "off")
                    + " here but " + (lengths[4] > 0 ? "on" : "off") + " in the round's state");
        }
        average.ifPresent(ema -> NetworkArrays.setParams(ema, part(4)));
        NetworkArrays.setUpdateCount(g, gUpdates);
        NetworkArrays.setUpdateCount(d, dUpdates);
    }

    private float[] part(int index) {
        int from = 0;
        for (int i = 0; i < index; i++) {
            from += lengths[i];
        }
        return Arrays.copyOfRange(values, from, from + lengths[index]);
    }

    /** The payload's size: 4 bytes a value (what the arrays cost on the wire, before Spark's framing). */
    long bytes() {
        return 4L * values.length;
    }
}
