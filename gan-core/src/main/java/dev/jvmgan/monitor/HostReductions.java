package dev.jvmgan.monitor;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checks' reductions read in place from the arrays' host memory, accumulating in double, with no copy: sums of
 * squares for the norms and per-unit counts for the never-positive and saturated fractions.
 *
 * <p>The ND4J route these replace cast every float array to a double copy first (so that the sums keep their
 * digits) and counted per unit with a {@code MatchCondition} along all but one dimension; at a check of the
 * reference DCGAN the copies' allocations alone took about 40 ms. Here float entries are widened one at a time:
 * a product of two floats is exact in double (24 + 24 significant bits &lt; 53), so a sum of squares is as good as
 * the cast's. Only float and double arrays laid out without gaps (their ordering's default strides, any offset)
 * qualify; for anything else every method answers empty (or null), and the caller takes the ND4J route.
 * Memory is read through {@link FloatBuffer}/{@link DoubleBuffer} views of the array's buffer, which hold the data
 * only on the CPU backend; on any other backend every method answers empty, too.
 */
final class HostReductions {
    private static final boolean HOST = Nd4j.getEnvironment().isCPU();

    private HostReductions() {
    }

    /** Entries copied to the heap at a time: per-entry reads of a direct buffer cost several times a bulk copy. */
    private static final int CHUNK = 8192;
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[CHUNK]);

    /** Σ a_i², or empty when {@code a} does not qualify. NaN and infinities propagate. */
    static OptionalDouble sumOfSquares(INDArray a) {
        Buffer data = data(a);
        if (data == null) {
            return OptionalDouble.empty();
        }
        int n = Math.toIntExact(a.length());
        int from = Math.toIntExact(a.offset());
        double[] x = new double[Math.min(n, CHUNK)];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int done = 0; done < n; done += x.length) {
            int length = Math.min(x.length, n - done);
            read(data, from + done, x, length);
            int i = 0;
            for (; i + 4 <= length; i += 4) {    // four sums: no one chain of dependent additions
                s0 += x[i] * x[i];
                s1 += x[i + 1] * x[i + 1];
                s2 += x[i + 2] * x[i + 2];
                s3 += x[i + 3] * x[i + 3];
            }
            for (; i < length; i++) {
                s0 += x[i] * x[i];
            }
        }
        return OptionalDouble.of((s0 + s1) + (s2 + s3));
    }

    /**
     * Σ (a_i - b_i)², with each difference taken in double; empty unless both qualify with the same shape, data
     * type and ordering (so that the i-th entries in memory are the same element).
     */
    static OptionalDouble sumOfSquaredDifferences(INDArray a, INDArray b) {
        Buffer da = data(a);
        Buffer db = data(b);
        if (da == null || db == null || a.dataType() != b.dataType() || a.ordering() != b.ordering()
                || !Arrays.equals(a.shape(), b.shape())) {
            return OptionalDouble.empty();
        }
        int n = Math.toIntExact(a.length());
        int fromA = Math.toIntExact(a.offset());
        int fromB = Math.toIntExact(b.offset());
        double[] x = new double[Math.min(n, CHUNK)];
        double[] y = new double[x.length];
        double s0 = 0;
        double s1 = 0;
        for (int done = 0; done < n; done += x.length) {
            int length = Math.min(x.length, n - done);
            read(da, fromA + done, x, length);
            read(db, fromB + done, y, length);
            int i = 0;
            for (; i + 2 <= length; i += 2) {
                double d0 = x[i] - y[i];
                double d1 = x[i + 1] - y[i + 1];
                s0 += d0 * d0;
                s1 += d1 * d1;
            }
            for (; i < length; i++) {
                double d = x[i] - y[i];
                s0 += d * d;
            }
        }
        return OptionalDouble.of(s0 + s1);
    }

    /**
     * Per unit (dimension 1 of {@code [B, U, ...]}), how many entries are below {@code threshold} (or equal to it,
     * when {@code inclusive}); NaN is never counted. Null when {@code a} does not qualify.
     */
    static long[] countPerUnit(INDArray a, double threshold, boolean inclusive) {
        Buffer data = data(a);
        if (data == null || a.rank() < 2) {
            return null;
        }
        int batch = Math.toIntExact(a.size(0));
        int units = Math.toIntExact(a.size(1));
        int rest = Math.toIntExact(a.length() / ((long) batch * units));
        int n = Math.toIntExact(a.length());
        int from = Math.toIntExact(a.offset());
        // In memory the entries come in runs of one unit: c order, entry (b, u, r) at (b * U + u) * R + r, runs of R;
        // f order, at b + B * (u + U * r), runs of B. Either way run k belongs to unit k mod U. Read in chunks.
        int runLength = a.ordering() == 'c' ? rest : batch;
        double[] x = new double[Math.min(n, CHUNK)];
        long[] counts = new long[units];
        int unit = 0;
        int leftInRun = runLength;
        for (int done = 0; done < n; done += x.length) {
            int length = Math.min(x.length, n - done);
            read(data, from + done, x, length);
            if (runLength == 1) {                  // [B, N] in c order: one entry per unit and sample
                for (int i = 0; i < length; i++) {
                    counts[unit] += (inclusive ? x[i] <= threshold : x[i] < threshold) ? 1 : 0;
                    unit = unit + 1 == units ? 0 : unit + 1;
                }
                continue;
            }
            for (int i = 0; i < length; ) {
                int m = Math.min(leftInRun, length - i);
                counts[unit] += inclusive ? atMost(x, i, m, threshold) : below(x, i, m, threshold);
                i += m;
                leftInRun -= m;
                if (leftInRun == 0) {
                    unit = unit + 1 == units ? 0 : unit + 1;
                    leftInRun = runLength;
                }
            }
        }
        return counts;
    }

    // Signs of pre-activations are close to coin flips: a branch per entry would be mispredicted half the time, so
    // the comparisons add up as 0 or 1 without one.
    private static int atMost(double[] x, int from, int length, double threshold) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n += x[i] <= threshold ? 1 : 0;
        }
        return n;
    }

    private static int below(double[] x, int from, int length, double threshold) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n += x[i] < threshold ? 1 : 0;
        }
        return n;
    }

    /** Copies {@code length} entries from {@code index} of a float or double buffer into {@code to}, widened. */
    private static void read(Buffer data, int index, double[] to, int length) {
        if (data instanceof DoubleBuffer d) {
            d.get(index, to, 0, length);
            return;
        }
        float[] floats = FLOATS.get();
        FloatBuffer f = (FloatBuffer) data;
        for (int done = 0; done < length; done += floats.length) {
            int n = Math.min(floats.length, length - done);
            f.get(index + done, floats, 0, n);
            for (int i = 0; i < n; i++) {
                to[done + i] = floats[i];
            }
        }
    }

    /** The array's whole host buffer (index it from {@code a.offset()}), or null when {@code a} does not qualify. */
    private static Buffer data(INDArray a) {
        if (!HOST || a == null || a.isEmpty() || a.length() > Integer.MAX_VALUE
                || !Shape.hasDefaultStridesForShape(a)) {
            return null;
        }
        return switch (a.dataType()) {
            case FLOAT -> a.data().asNioFloat();
            case DOUBLE -> a.data().asNioDouble();
            default -> null;
        };
    }
}
