package dev.jvmgan.backend;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs a stretch of work on a fixed number of native threads, whatever {@code OMP_NUM_THREADS} the process has, and
 * puts the process's own back when closed: {@code try (FixedThreads t = FixedThreads.of(2)) { ... }}.
 *
 * <p>Why: on the CPU backend a network's training is bitwise reproducible only for one thread count, since oneDNN
 * and libnd4j split their sums over the threads and float addition is not associative. The evaluation's feature
 * network, trained once and cached, came out with other weights under {@code OMP_NUM_THREADS=1} (as the study's
 * shards run) than under two threads (measured in the README: two different hashes from one build and one dataset),
 * so FDs measured under the two settings were not comparable. Pinning the count makes them one network.
 *
 * <p>It sets OpenMP's thread count for the calling thread (oneDNN's and libnd4j's parallel regions started from it)
 * and libnd4j's own pool limits; OpenBLAS is left at the one thread {@link NativeBackend} gives it. Not thread-safe:
 * for work driven from one thread, as training a network is. On CUDA the host thread counts hardly matter and are
 * set all the same.
 */
public final class FixedThreads implements AutoCloseable {
    private final int ompBefore;
    private final int maxBefore;
    private final int masterBefore;

    private FixedThreads(int threads) {
        NativeBackend.initialise();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Environment env = Nd4j.getEnvironment();
        ompBefore = ops.ompGetMaxThreads();
        maxBefore = env.maxThreads();
        masterBefore = env.maxMasterThreads();
        set(threads, threads, threads);
    }

    /** Pins {@code threads} (1 or more) native threads until {@link #close()}. */
    public static FixedThreads of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
        }
        return new FixedThreads(threads);
    }

    /** OpenMP's thread count for parallel regions started from this thread now. */
    public static int current() {
        NativeBackend.initialise();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    @Override
    public void close() {
        set(ompBefore, maxBefore, masterBefore);
    }

    private static void set(int omp, int max, int master) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(omp);
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(max);
        env.setMaxMasterThreads(master);
    }
}
