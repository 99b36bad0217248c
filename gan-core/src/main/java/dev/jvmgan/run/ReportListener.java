package dev.jvmgan.run;

import dev.jvmgan.report.RunReport;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the run's {@link RunReport#FILE} with every chart refresh ({@code monitors.chartEvery}) and when
 * training ends, from the files the other listeners have written by then; registered after them (and after
 * {@link RunInfoListener}) for that reason. The report is a view: a failure to write it is a WARN, never the end
 * of a training run.
 */
final class ReportListener implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(ReportListener.class);

    private final int every;
    private long last;
    private boolean warned;

    ReportListener(int every) {
        this.every = every;
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        last = stats.iteration();
        if (stats.iteration() % every == 0) {
            write(session);
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (last > 0) {
            write(session);
        }
    }

    private void write(TrainingSession session) {
        try {
            RunReport.write(session.runDirectory());
        } catch (Exception e) {
            // Once: the same cause would repeat at every refresh.
            if (!warned) {
                log.warn("cannot write {}: {} (training goes on; `gan report {}` retries)",
                        session.runDirectory().resolve(RunReport.FILE), e, session.runDirectory());
                warned = true;
            }
        }
    }
}
