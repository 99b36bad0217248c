package dev.jvmgan.run;

import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: on a terminal, a progress bar with it/s, ETA and the losses; otherwise (CI, a file)
 * one log line every {@code logEvery} iterations, since a bar redrawn with carriage returns makes an unreadable
 * log.
 */
public final class ProgressListener implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    private final int logEvery;
    private final boolean terminal;
    private final Window window = new Window();
    private ProgressBar bar;

    public ProgressListener(int logEvery, boolean terminal) {
        this.logEvery = logEvery;
        this.terminal = terminal;
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        window.clear();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(session.config().train().iterations())
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" it", 1).showSpeed().setUpdateIntervalMillis(500)
                    .continuousUpdate().build();
        }
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        window.add(stats);
        String losses = String.format("D %.3f G %.3f D(x) %.2f D(G(z)) %.2f",
                stats.dLoss(), stats.gLoss(), stats.dReal(), stats.dFake());
        if (bar != null) {
            bar.stepTo(stats.iteration());
            bar.setExtraMessage(losses);
        } else if (stats.iteration() % logEvery == 0 || stats.iteration() == session.config().train().iterations()) {
            long total = session.config().train().iterations();
            double rate = window.iterationsPerSecond();
            long etaSeconds = rate > 0 ? Math.round((total - stats.iteration()) / rate) : -1;
            log.info(String.format("it %d/%d  %.2f it/s  ETA %s  %s", stats.iteration(), total, rate,
                    etaSeconds < 0 ? "?" : java.time.Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase(),
                    losses));
            window.clear();
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (bar != null) {
            bar.close();
        }
    }
}
