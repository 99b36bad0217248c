package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.NetworkRole;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One activation layer's figures at one check.
 *
 * <p>A ReLU unit that is never positive gets no gradient at all: it is dead. The leaky family (leaky ReLU, PReLU,
 * RReLU) and the smooth ones (ELU, SELU, GELU, SiLU) still pass a gradient there, so the same count is only
 * "never positive"; {@link #label()} says which.
 *
 * @param network               which network the layer is in
 * @param layer                 the activation layer's name, e.g. {@code "act2"}
 * @param type                  its activation
 * @param units                 channels (convolutional) or units (dense)
 * @param neverPositive         units whose pre-activation was &lt;= 0 on every input of the check's batch(es)
 * @param neverPositiveFraction {@code neverPositive / units}
 * @param deadForWindow         ReLU only, 0 otherwise: units never positive in each of the tracker's last K checks
 *                              (0 until K checks have been seen)
 * @param meanNonPositive       mean over units (and batches) of the per-unit fraction of entries &lt;= 0
 * @param saturatedFraction     mean over units (and batches) of the per-unit saturated fraction; 0 for the ReLU-like
 *                              types
 * @param preluSlopes           {@code {min, mean, max}} of the learned slopes for PReLU, else an empty array (null is
 *                              taken as empty); copied in and out, and compared by content
 */
public record LayerUnits(NetworkRole network, String layer, ActivationType type, int units, int neverPositive,
                         double neverPositiveFraction, int deadForWindow, double meanNonPositive,
                         double saturatedFraction, double[] preluSlopes) {

    public LayerUnits {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(type, "type");
        if (units < 0 || neverPositive < 0 || neverPositive > units || deadForWindow < 0 || deadForWindow > units) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s %s: need 0 <= neverPositive (%d), deadForWindow (%d) <= units (%d)",
                    NetworkLetter.of(network), layer, neverPositive, deadForWindow, units));
        }
        preluSlopes = preluSlopes == null ? new double[0] : preluSlopes.clone();
        if (preluSlopes.length != 0 && preluSlopes.length != 3) {
            throw new IllegalArgumentException(NetworkLetter.of(network) + " " + layer
                    + ": preluSlopes must be {min, mean, max} or empty, got " + preluSlopes.length + " values");
        }
    }

    /** The layer as logs, alerts and charts name it: {@code "D act2"}. */
    public String id() {
        return NetworkLetter.of(network) + " " + layer;
    }

    /** {@code "dead"} for ReLU, {@code "never positive"} otherwise. */
    public String label() {
        return type == ActivationType.RELU ? "dead" : "never positive";
    }

    @Override
    public double[] preluSlopes() {
        return preluSlopes.clone();
    }

    // Records compare arrays by reference; two checks with the same figures should be equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof LayerUnits u && network == u.network && layer.equals(u.layer) && type == u.type
                && units == u.units && neverPositive == u.neverPositive
                && Double.compare(neverPositiveFraction, u.neverPositiveFraction) == 0
                && deadForWindow == u.deadForWindow && Double.compare(meanNonPositive, u.meanNonPositive) == 0
                && Double.compare(saturatedFraction, u.saturatedFraction) == 0
                && Arrays.equals(preluSlopes, u.preluSlopes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, layer, type, units, neverPositive, neverPositiveFraction, deadForWindow,
                meanNonPositive, saturatedFraction, Arrays.hashCode(preluSlopes));
    }

    @Override
    public String toString() {
        return "LayerUnits[network=" + network + ", layer=" + layer + ", type=" + type + ", units=" + units
                + ", neverPositive=" + neverPositive + ", neverPositiveFraction=" + neverPositiveFraction
                + ", deadForWindow=" + deadForWindow + ", meanNonPositive=" + meanNonPositive
                + ", saturatedFraction=" + saturatedFraction + ", preluSlopes=" + Arrays.toString(preluSlopes) + "]";
    }
}
