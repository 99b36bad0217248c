package dev.jvmgan.train;

import dev.jvmgan.backend.Buffers;
import dev.jvmgan.loss.LossTerm;
import dev.jvmgan.penalty.PenaltyValue;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the phases of one iteration computed, as they report it: the loop turns it into the {@link IterationStats}
 * (and, for an inspected iteration, part of the {@link Inspection}) that listeners get. With several D steps per
 * iteration, each report replaces the previous step's, so the figures are those of the last step. Written on the
 * training thread only.
 */
public final class IterationResults {
    private LossTerm onReal;
    private LossTerm onFake;
    private INDArray realLogits;
    private INDArray fakeLogits;
    private INDArray dLossDReal;
    private LossTerm forG;
    private INDArray dLossDFake;
    private PenaltyValue penalty;
    private final boolean inspected;

    /** Results of an iteration that is inspected (see {@link #inspected}). */
    public IterationResults() {
        this(true);
    }

    IterationResults(boolean inspected) {
        this.inspected = inspected;
    }

    /**
     * Whether the iteration is inspected: only an {@link Inspection} reads dL_D/dT(x), so the phases of another
     * iteration need not compute it (and report null).
     */
    public boolean inspected() {
        return inspected;
    }

    /**
     * D's loss terms on T(x) and T(G(z)), D's outputs on them (copies), and dL_D/dT(x) (null unless
     * {@link #inspected}). The arrays are handed
     * over: the loop frees them after the iteration ({@link #release}), and a later D step's arrays replace (and
     * free) them.
     */
    public void discriminator(LossTerm onReal, LossTerm onFake, INDArray realLogits, INDArray fakeLogits,
                              INDArray dLossDReal) {
        releaseIfReplaced(this.realLogits, realLogits);
        releaseIfReplaced(this.fakeLogits, fakeLogits);
        releaseIfReplaced(this.dLossDReal, dLossDReal);
        this.onReal = onReal;
        this.onFake = onFake;
        this.realLogits = realLogits;
        this.fakeLogits = fakeLogits;
        this.dLossDReal = dLossDReal;
    }

    /** G's loss term, and dL_G/dG(z): the gradient G received (handed over, as in {@link #discriminator}). */
    public void generator(LossTerm forG, INDArray dLossDFake) {
        releaseIfReplaced(this.dLossDFake, dLossDFake);
        this.forG = forG;
        this.dLossDFake = dLossDFake;
    }

    /** A gradient penalty's value and mean input-gradient norm. */
    public void penalty(PenaltyValue value) {
        this.penalty = value;
    }

    private static void releaseIfReplaced(INDArray old, INDArray replacement) {
        if (old != replacement) {
            Buffers.release(old);
        }
    }

    /**
     * Frees the arrays handed over this iteration, once the listeners are done with them (an inspection holds the
     * same arrays, and is freed at the same point).
     */
    void release() {
        Buffers.release(realLogits, fakeLogits, dLossDReal, dLossDFake);
    }

    /** The figures for listeners; a term no phase computed this iteration is NaN. */
    IterationStats stats(long iteration, long imagesSeen, double seconds) {
        return new IterationStats(iteration, imagesSeen,
                onReal == null ? Double.NaN : onReal.loss() + onFake.loss(),
                forG == null ? Double.NaN : forG.loss(),
                onReal == null ? Double.NaN : onReal.meanOutput(),
                onFake == null ? Double.NaN : onFake.meanOutput(), seconds,
                penalty == null ? Double.NaN : penalty.penalty(),
                penalty == null ? Double.NaN : penalty.meanGradientNorm(),
                onReal == null ? Double.NaN : onReal.classAccuracy(),
                forG == null ? Double.NaN : forG.classAccuracy());
    }

    INDArray realLogits() {
        return realLogits;
    }

    INDArray fakeLogits() {
        return fakeLogits;
    }

    INDArray dLossDReal() {
        return dLossDReal;
    }

    INDArray dLossDFake() {
        return dLossDFake;
    }
}
