package dev.jvmgan.run;

import java.util.Random;

/**
 * The latent vectors {@code gan sample} feeds the generator: one standard-normal z per seed, the truncation trick,
 * and spherical interpolation between two seeds. Plain {@code double[]} math, no ND4J, so each piece can be
 * checked by hand.
 *
 * <pre>{@code
 * double[] a = SampleLatents.truncate(SampleLatents.ofSeed(100, 3), 0.7);
 * double[] b = SampleLatents.truncate(SampleLatents.ofSeed(100, 7), 0.7);
 * double[][] strip = SampleLatents.interpolate(a, b, 8);   // strip[0] == a, strip[7] == b
 * }</pre>
 */
public final class SampleLatents {
    /**
     * Above this |cos| of the angle between two latents, {@link #slerp} interpolates linearly: the arc is then
     * shorter than 0.032 rad, where the two paths differ by less than 0.013% of the norm (equal norms), and
     * {@code sin(omega)} in the slerp weights' denominator would lose precision.
     */
    static final double PARALLEL_COS = 0.9995;

    private SampleLatents() {
    }

    /**
     * The latent of one seed: {@code latentDim} draws of {@link Random#nextGaussian()}. The JDK specifies that
     * algorithm exactly, so a seed names the same z on every JVM and ND4J backend (as a seed names the same image
     * in StyleGAN's {@code --seeds}). The seed is first mixed with SplitMix64's finaliser: {@code java.util.Random}
     * seeded with 0, 1, 2, ... starts with nearly equal numbers (its first {@code nextDouble()} is 0.7310, 0.7309,
     * 0.7312, ...), and the first Gaussians of seeds 0 to 63 would average 0.88 instead of 0.
     */
    public static double[] ofSeed(int latentDim, long seed) {
        if (latentDim < 1) {
            throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
        }
        Random rng = new Random(mix(seed));
        double[] z = new double[latentDim];
        for (int i = 0; i < latentDim; i++) {
            z[i] = rng.nextGaussian();
        }
        return z;
    }

    /** The latents of seeds {@code firstSeed}, {@code firstSeed + 1}, ..., one row per seed. */
    public static double[][] ofSeeds(int latentDim, long firstSeed, int count) {
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = ofSeed(latentDim, firstSeed + i);
        }
        return rows;
    }

    /**
     * The truncation trick for a generator without a mapping network: {@code z' = psi * z}. This is StyleGAN's
     * {@code w_avg + psi * (w - w_avg)} with the mean of z, which is 0. {@code psi = 1} returns z unchanged; a
     * smaller psi pulls every latent toward the mean, trading variety for typical images.
     */
    public static double[] truncate(double[] z, double psi) {
        if (!(psi > 0 && psi <= 1)) {
            throw new IllegalArgumentException("truncation psi must be in (0, 1], got " + psi);
        }
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = psi * z[i];
        }
        return out;
    }

    /** {@link #truncate} applied to every row. */
    public static double[][] truncate(double[][] rows, double psi) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = truncate(rows[i], psi);
        }
        return out;
    }

    /**
     * Spherical interpolation, {@code t} in [0, 1]:
     * {@code slerp(a, b, t) = sin((1 - t) omega) / sin(omega) * a + sin(t omega) / sin(omega) * b}, with omega
     * the angle between a and b. Between two latents of the same norm every point keeps that norm. The straight
     * line would pass through norms the generator never saw in training: two independent Gaussian latents are
     * nearly orthogonal, so the midpoint of a lerp has about 0.71 of their norm. For (nearly) parallel or
     * opposite vectors, and for a zero vector, the angle gives no usable arc, and this returns {@link #lerp}.
     */
    public static double[] slerp(double[] a, double[] b, double t) {
        checkSameLength(a, b);
        double normA = norm(a);
        double normB = norm(b);
        if (normA == 0 || normB == 0) {
            return lerp(a, b, t);
        }
        double cos = dot(a, b) / (normA * normB);
        if (Math.abs(cos) > PARALLEL_COS) {
            return lerp(a, b, t);
        }
        double omega = Math.acos(cos);
        double sin = Math.sin(omega);
        double weightA = Math.sin((1 - t) * omega) / sin;
        double weightB = Math.sin(t * omega) / sin;
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = weightA * a[i] + weightB * b[i];
        }
        return out;
    }

    /** Linear interpolation, {@code (1 - t) a + t b}. */
    public static double[] lerp(double[] a, double[] b, double t) {
        checkSameLength(a, b);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (1 - t) * a[i] + t * b[i];
        }
        return out;
    }

    /**
     * {@code steps} points from a to b by {@link #slerp}, at {@code t = i / (steps - 1)}: the first is a and the
     * last is b, bit for bit.
     */
    public static double[][] interpolate(double[] a, double[] b, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("need at least 2 steps (the two ends), got " + steps);
        }
        double[][] rows = new double[steps][];
        for (int i = 0; i < steps; i++) {
            rows[i] = slerp(a, b, (double) i / (steps - 1));
        }
        return rows;
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014): spreads nearby seeds over all 64 bits. */
    static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void checkSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("latents of different sizes: " + a.length + " and " + b.length);
        }
    }
}
