package dev.jvmgan.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Supplier;

/**
 * The sum of a network's parameter gradients over the backward passes since its last update. DL4J writes each
 * backward pass into the network's flat gradient view, overwriting the previous one, so before a second pass the
 * view is stashed; {@link #consolidated()} folds the stash back into the view, which then holds the whole sum.
 */
final class PendingGradients {
    private final Supplier<INDArray> view;
    private INDArray stash;
    private int passes;

    /** @param view the network's flat gradient view (looked up on each use: DL4J may create it lazily) */
    PendingGradients(Supplier<INDArray> view) {
        this.view = view;
    }

    /** Call before a backward pass that must add to, not replace, the pending gradients. */
    void beforeBackward() {
        INDArray current = view.get();
        if (passes == 1) {
            if (stash == null) {
                stash = current.dup();
            } else {
                stash.assign(current);
            }
        } else if (passes > 1) {
            stash.addi(current);
        }
    }

    /** Call after that backward pass. */
    void afterBackward() {
        passes++;
    }

    /** Backward passes summed since the last {@link #clear()}. */
    int passes() {
        return passes;
    }

    /** The gradient view, holding the sum of every pending pass. */
    INDArray consolidated() {
        if (passes > 1) {
            view.get().addi(stash);
            passes = 1;
        }
        return view.get();
    }

    /** After an update: nothing is pending. */
    void clear() {
        passes = 0;
    }
}
