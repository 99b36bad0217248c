package dev.jvmgan.train;

/**
 * What a run needs of the loop that computes its iterations: {@link GanTrainer} on this machine, or rounds of it on
 * a cluster (gan-spark's driver loop), each calling the run's listeners in the order {@link GanTrainer#run} states.
 */
public interface TrainingLoop {

    /** Continues counting from a checkpoint: the next iteration is {@code iteration + 1}. Call before {@link #run}. */
    void resumeAt(long iteration, long imagesSeen);

    /** Asks the loop to stop at the next point it can end cleanly; safe from any thread, also before {@link #run}. */
    void requestStop();

    /** Runs until {@code iterations} generator updates are done in total, or until {@link #requestStop()}. */
    void run(long iterations);

    /** Generator updates done so far, resumed ones included. */
    long iteration();

    /** Whether the last {@link #run} ended before {@code iterations}. */
    default boolean stoppedEarly(long iterations) {
        return iteration() < iterations;
    }
}
