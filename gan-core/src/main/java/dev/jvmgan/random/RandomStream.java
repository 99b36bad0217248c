package dev.jvmgan.random;

/**
 * A seeded stream of random numbers whose whole state is one {@code long}, so a checkpoint stores it and a resumed
 * run draws the very same numbers: SplitMix64 (Steele, Lea and Flood 2014), which passes BigCrush and is specified
 * by its constants alone, so the stream is the same on every JVM and machine.
 * <pre>
 *   state += 0x9E3779B97F4A7C15;   z = state
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   next = z ^ (z >>> 31)
 * </pre>
 * Uniform doubles take the top 53 bits; bounded integers reject the draws that would bias the remainder, as
 * {@code java.util.Random.nextInt(bound)} does; Gaussians use Marsaglia's polar method, one per pair (the second is
 * dropped, so the state stays one {@code long}). The uniform stream equals {@code java.util.SplittableRandom}'s for
 * the same seed, which the JDK specifies with the same constants. For whole tensors of noise, ND4J's own generator
 * is faster; this stream is for a few draws per sample. Not thread-safe.
 */
public final class RandomStream {
    private long state;

    public RandomStream(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), a multiple of 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // 31 random bits r; reject the top partial block of size (2^31 mod bound), where r % bound would favour
        // small values (the test as java.util.Random writes it, overflow and all).
        while (true) {
            int r = (int) (nextLong() >>> 33);
            int value = r % bound;
            if (r - value + (bound - 1) >= 0) {
                return value;
            }
        }
    }

    /** Uniform in [low, high], both included. */
    public int nextInt(int low, int high) {
        if (high < low) {
            throw new IllegalArgumentException("empty range [" + low + ", " + high + "]");
        }
        return low + nextInt(high - low + 1);
    }

    /** Standard normal, by Marsaglia's polar method. */
    public double nextGaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Where the stream stands: all a checkpoint needs. */
    public long state() {
        return state;
    }

    /** Continues from a saved {@link #state()}. */
    public void restore(long savedState) {
        state = savedState;
    }
}
