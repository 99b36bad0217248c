package dev.jvmgan.train;

/**
 * Side effects of training (metrics, samples, checkpoints, progress, monitors) hang off the loop as listeners.
 *
 * <p>Ordering and threading: all calls come on the training thread, in registration order.
 * {@link #trainingStarted} comes once before the first iteration; {@link #inspected} (only for inspected
 * iterations) and then {@link #iterationDone} after every iteration,
 * when both networks have been updated; {@link #trainingEnded} exactly once when {@link #trainingStarted} was
 * called, also when training fails (then {@code failure} is non-null), so files can be closed. A listener that
 * throws stops training; the exception reaches the caller after every listener got {@code trainingEnded}.
 */
public interface TrainingListener {

    default void trainingStarted(TrainingSession session) {
    }

    /**
     * Whether the coming iteration should be inspected (copies of activations, gradients and parameters, which
     * cost time and memory): ask only at your cadence.
     */
    default boolean wantsInspection(long iteration) {
        return false;
    }

    /** The inspection of an iteration some listener asked for; comes before that iteration's {@link #iterationDone}. */
    default void inspected(TrainingSession session, IterationStats stats, Inspection inspection) {
    }

    default void iterationDone(TrainingSession session, IterationStats stats) {
    }

    /** @param failure why training stopped early, or null when it ran all its iterations */
    default void trainingEnded(TrainingSession session, Throwable failure) {
    }
}
