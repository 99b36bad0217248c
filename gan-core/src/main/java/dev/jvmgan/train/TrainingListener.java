package dev.jvmgan.train;

/**
 * Side effects of training (metrics, samples, checkpoints, progress, monitors) hang off the loop as listeners.
 *
 * <p>Ordering and threading: all calls come on the training thread, in registration order.
 * {@link #trainingStarted} comes once before the first iteration; {@link #inspected} (only for inspected
 * iterations) and then {@link #iterationDone} after every iteration, when both networks have been updated.
 *
 * <p>Start and end come in pairs: a listener whose {@link #trainingStarted} returned gets {@link #trainingEnded}
 * exactly once, also when training fails (then {@code failure} is non-null) and also when another listener's
 * {@code trainingEnded} throws, so files can be closed. A listener whose {@code trainingStarted} threw never
 * started and gets no {@code trainingEnded}. A listener that throws from {@code trainingStarted},
 * {@link #inspected} or {@link #iterationDone} stops training: the remaining listeners of that event are not
 * called, and the exception reaches the caller after every started listener got {@code trainingEnded}, with any
 * exceptions thrown by {@code trainingEnded} attached as suppressed.
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

    /**
     * The inspection of an iteration some listener asked for; comes before that iteration's {@link #iterationDone}.
     * Its arrays are freed once every listener has seen it: {@code dup()} what must outlive this call.
     */
    default void inspected(TrainingSession session, IterationStats stats, Inspection inspection) {
    }

    default void iterationDone(TrainingSession session, IterationStats stats) {
    }

    /** @param failure why training stopped early, or null when it ran all its iterations */
    default void trainingEnded(TrainingSession session, Throwable failure) {
    }
}
