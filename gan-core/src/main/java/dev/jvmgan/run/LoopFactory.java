package dev.jvmgan.run;

import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingLoop;

import java.util.List;

/**
 * Makes the loop a {@link TrainingRun} trains with, in place of the local {@link dev.jvmgan.train.GanTrainer}: gan-spark's
 * rounds of local SGD. The run builds everything else as for a local run (data, networks, run directory, listeners,
 * checkpoints) and hands it over as {@link LoopParts}.
 */
public interface LoopFactory {

    /**
     * State of the loop's own that every checkpoint carries and a resume restores (after {@link #create}, before
     * {@link TrainingLoop#run}); none by default.
     */
    default List<Resumable> state() {
        return List.of();
    }

    TrainingLoop create(LoopParts parts);
}
