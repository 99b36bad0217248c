package dev.jvmgan.loss;

/**
 * Where a loss's D has won: the monitors' {@code d-overpowering} rule fires when, for some consecutive checks, the
 * mean D(x) is above {@code realAbove} and the mean D(G(z)) below {@code fakeBelow}, both on the loss's own
 * {@link OutputScale}.
 *
 * @param realAbove D(x) above this ...
 * @param fakeBelow ... and D(G(z)) below this mean that D separates the batches (nearly) as well as its loss asks
 */
public record OverpowerThresholds(double realAbove, double fakeBelow) {
    public OverpowerThresholds {
        if (!Double.isFinite(realAbove) || !Double.isFinite(fakeBelow) || !(fakeBelow < realAbove)) {
            throw new IllegalArgumentException("overpower thresholds need finite fakeBelow < realAbove, got fakeBelow "
                    + fakeBelow + ", realAbove " + realAbove);
        }
    }
}
