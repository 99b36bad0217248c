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

    @Override
    public double[] u() {
        return u.clone();
    }

    @Override
    public double[] v() {
        return v.clone();
    }
}
