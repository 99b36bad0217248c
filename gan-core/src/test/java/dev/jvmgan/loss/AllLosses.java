package dev.jvmgan.loss;

import java.util.List;

/** One of each loss, with and without one-sided label smoothing where the loss has labels. */
final class AllLosses {
    private AllLosses() {
    }

    static List<GanLoss> each() {
        return List.of(new NonSaturating(), new NonSaturating(0.9), new Minimax(), new Minimax(0.9),
                new LeastSquares(), new LeastSquares(0.9), new Hinge(), new Wasserstein());
    }
}
