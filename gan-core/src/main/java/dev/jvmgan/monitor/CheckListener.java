package dev.jvmgan.monitor;

import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import java.util.List;

/**
 * Something that shows the monitors' findings: the records, the console lines, the charts. {@link MonitorListener}
 * hands each one every check with the alerts it raised, in the order the outputs were given, on the training thread,
 * and passes on {@link #trainingStarted} and {@link #trainingEnded}; the other {@link TrainingListener} events do not
 * reach it.
 */
public interface CheckListener extends TrainingListener {

    /**
     * One check and the alerts it raised (in rule order, possibly none); comes before the run is stopped by an
     * alert whose policy is {@code stop}.
     */
    void checked(TrainingSession session, CheckSnapshot check, List<Alert> raised);
}
