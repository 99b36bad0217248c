package dev.jvmgan.run;

import dev.jvmgan.train.IterationStats;

/** Running sums of iteration statistics since the last report. */
final class Window {
    static final int D_LOSS = 0;
    static final int G_LOSS = 1;
    static final int D_REAL = 2;
    static final int D_FAKE = 3;

    private final double[] sums = new double[4];
    private int count;
    private long startNanos = System.nanoTime();

    void add(IterationStats s) {
        sums[D_LOSS] += s.dLoss();
        sums[G_LOSS] += s.gLoss();
        sums[D_REAL] += s.dReal();
        sums[D_FAKE] += s.dFake();
        count++;
    }

    double mean(int which) {
        return count == 0 ? Double.NaN : sums[which] / count;
    }

    /** Wall-clock rate since the last clear, so time spent in listeners (samples, checkpoints) counts too. */
    double iterationsPerSecond() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }

    int count() {
        return count;
    }

    void clear() {
        java.util.Arrays.fill(sums, 0);
        count = 0;
        startNanos = System.nanoTime();
    }
}
