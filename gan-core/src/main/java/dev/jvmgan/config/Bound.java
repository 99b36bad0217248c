package dev.jvmgan.config;

import java.util.Optional;

/**
 * A numeric range stated once, next to the record component it guards, so that the compact constructor (which
 * throws on the first violation) and {@link ConfigLoader} (which collects every violation of a file) can never
 * disagree about what is valid. Infinite sides are open, so NaN and the infinities are always out of range.
 */
record Bound(double min, boolean minInclusive, double max, boolean maxInclusive) {

    static final Bound FINITE = new Bound(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    static Bound atLeast(double min) {
        return new Bound(min, true, Double.POSITIVE_INFINITY, false);
    }

    static Bound above(double min) {
        return new Bound(min, false, Double.POSITIVE_INFINITY, false);
    }

    static Bound between(double min, double max) {
        return new Bound(min, true, max, true);
    }

    Bound atMost(double newMax) {
        return new Bound(min, minInclusive, newMax, true);
    }

    Bound below(double newMax) {
        return new Bound(min, minInclusive, newMax, false);
    }

    boolean contains(double value) {
        return (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);
    }

    /** What a valid value looks like, e.g. {@code between 1 and 4096} or {@code > 0 and < 1}. */
    String describe() {
        boolean hasMin = Double.isFinite(min);
        boolean hasMax = Double.isFinite(max);
        if (hasMin && hasMax && minInclusive && maxInclusive) {
            return "between " + format(min) + " and " + format(max);
        }
        String lower = hasMin ? (minInclusive ? ">= " : "> ") + format(min) : null;
        String upper = hasMax ? (maxInclusive ? "<= " : "< ") + format(max) : null;
        if (lower != null && upper != null) {
            return lower + " and " + upper;
        }
        return lower != null ? lower : upper != null ? upper : "a finite number";
    }

    /** Empty if valid, else a message naming the value and the valid range: {@code 0 must be between 1 and 4096}. */
    Optional<String> violation(double value) {
        return contains(value) ? Optional.empty() : Optional.of(format(value) + " must be " + describe());
    }

    /** For compact constructors: throws {@code IllegalArgumentException("batchSize: 0 must be ...")}. */
    void require(String component, double value) {
        violation(value).ifPresent(message -> {
            throw new IllegalArgumentException(component + ": " + message);
        });
    }

    /** Integral values print without a fraction so that messages echo ints the way the user typed them. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
