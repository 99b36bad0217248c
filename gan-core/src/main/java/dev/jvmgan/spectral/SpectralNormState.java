package dev.jvmgan.spectral;

/**
 * The power iteration's vectors, as a checkpoint keeps them (torch's {@code weight_u} and {@code weight_v} buffers).
 * Stored as doubles, which hold float32 values exactly.
 *
 * @param u the left singular vector estimate, one entry per output
 * @param v the right singular vector estimate, one entry per column of the weight matrix
 */
public record SpectralNormState(double[] u, double[] v) {
    public SpectralNormState {
        u = u.clone();
        v = v.clone();
    }

    /** Equal when u and v are, element by element (a record compares arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SpectralNormState state && java.util.Arrays.equals(u, state.u)
                && java.util.Arrays.equals(v, state.v);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(u) + java.util.Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "SpectralNormState[u=" + java.util.Arrays.toString(u) + ", v=" + java.util.Arrays.toString(v) + "]";
    }

    @Override
    public double[] u() {
        return u.clone();
    }

    @Override
    public double[] v() {
        return v.clone();
    }
}
