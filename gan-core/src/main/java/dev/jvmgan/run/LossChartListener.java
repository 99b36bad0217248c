package dev.jvmgan.run;

import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Redraws the run's {@link LossChart} every {@code every} iterations and when training ends. Registered after
 * {@link MetricsJsonlListener}, so the chart includes the record written for the same iteration.
 */
public final class LossChartListener implements TrainingListener {
    private final int every;
    private long last;

    public LossChartListener(int every) {
        this.every = every;
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        last = stats.iteration();
        if (stats.iteration() % every == 0) {
            draw(session);
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (last > 0 && last % every != 0) {
            draw(session);
        }
    }

    private static void draw(TrainingSession session) {
        try {
            LossChart.write(session.runDirectory(), session.config().name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + session.runDirectory().resolve(LossChart.FILE), e);
        }
    }
}
