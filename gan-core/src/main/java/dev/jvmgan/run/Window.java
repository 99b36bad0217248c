package dev.jvmgan.run;

import dev.jvmgan.train.IterationStats;

/**
 * Running sums of iteration statistics since the last report. The penalty's figures are averaged over the iterations
 * in which a penalty ran (a lazy one runs every k D steps), the auxiliary classifier's over those with one, the
 * others over every iteration.
 */
final class Window {
    static final int D_LOSS = 0;
    static final int G_LOSS = 1;
    static final int D_REAL = 2;
    static final int D_FAKE = 3;
    static final int PENALTY = 4;
    static final int PENALTY_GRADIENT_NORM = 5;
    static final int CLASS_ACCURACY_REAL = 6;
    static final int CLASS_ACCURACY_FAKE = 7;

    private final double[] sums = new double[8];
    private int count;
    private int penaltyCount;
    private int classCount;
    private long startNanos = System.nanoTime();

    void add(IterationStats s) {
        sums[D_LOSS] += s.dLoss();
        sums[G_LOSS] += s.gLoss();
        sums[D_REAL] += s.dReal();
        sums[D_FAKE] += s.dFake();
        count++;
        if (!Double.isNaN(s.penalty())) {
            sums[PENALTY] += s.penalty();
            sums[PENALTY_GRADIENT_NORM] += s.penaltyGradientNorm();
            penaltyCount++;
        }
        if (!Double.isNaN(s.classAccuracyReal())) {
            sums[CLASS_ACCURACY_REAL] += s.classAccuracyReal();
            sums[CLASS_ACCURACY_FAKE] += s.classAccuracyFake();
            classCount++;
        }
    }

    double mean(int which) {
        int n = which >= CLASS_ACCURACY_REAL ? classCount : which >= PENALTY ? penaltyCount : count;
        return n == 0 ? Double.NaN : sums[which] / n;
    }

    /** Whether a penalty ran in the window. */
    boolean hasPenalty() {
        return penaltyCount > 0;
    }

    /** Whether D's auxiliary classifier judged classes in the window. */
    boolean hasClassAccuracy() {
        return classCount > 0;
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
        penaltyCount = 0;
        classCount = 0;
        startNanos = System.nanoTime();
    }
}
