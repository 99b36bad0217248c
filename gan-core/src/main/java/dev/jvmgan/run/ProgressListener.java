package dev.jvmgan.run;

import dev.jvmgan.config.LossConfig;
import dev.jvmgan.console.StatusLine;
import dev.jvmgan.console.StatusLineConsumer;
import dev.jvmgan.monitor.DOutputs;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;

/**
 * Shows training progress: on a terminal, a progress bar with it/s, ETA and the losses, kept below the log lines
 * ({@link StatusLine}); otherwise (CI, a file) one log line every {@code logEvery} iterations, since a bar redrawn
 * with carriage returns makes an unreadable log.
 *
 * <p>The losses and D outputs shown are the same numbers as metrics.jsonl: means over the iterations of the
 * current {@code logEvery} interval, labelled with that interval ({@code means it 51-73}). The rate and ETA cover
 * only this process's iterations, so a resumed run neither counts from 0 nor claims the resumed ones as speed.
 */
public final class ProgressListener implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    private final int logEvery;
    private final boolean terminal;
    private final LossConfig.Outputs dOutputs;
    private final Window window = new Window();
    private long windowFirst;
    private ProgressBar bar;
    private StatusLineConsumer barLine;

    /** Progress of a run whose D outputs are probabilities (the default loss). */
    public ProgressListener(int logEvery, boolean terminal) {
        this(logEvery, terminal, LossConfig.Outputs.PROBABILITY);
    }

    /** @param dOutputs what the loss's D outputs are, which names them in the line ({@link DOutputs}) */
    public ProgressListener(int logEvery, boolean terminal, LossConfig.Outputs dOutputs) {
        this.logEvery = logEvery;
        this.terminal = terminal;
        this.dOutputs = dOutputs;
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        window.clear();
        windowFirst = 0;
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        long total = session.config().train().iterations();
        if (windowFirst == 0) {
            windowFirst = stats.iteration();
        }
        window.add(stats);
        boolean intervalEnds = stats.iteration() % logEvery == 0 || stats.iteration() == total;
        if (terminal) {
            if (bar == null) {
                // The bar starts where this process starts (a resumed run's iteration), so rate and ETA are its own.
                barLine = new StatusLineConsumer(StatusLine.stderr());
                bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
                        .startsFrom(stats.iteration() - 1, Duration.ZERO)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" it", 1).showSpeed().setUpdateIntervalMillis(500)
                        .setConsumer(barLine).continuousUpdate().build();
            }
            bar.stepTo(stats.iteration());
            bar.setExtraMessage(" " + means(stats.iteration()));
        } else if (intervalEnds) {
            double rate = window.iterationsPerSecond();
            long etaSeconds = rate > 0 ? Math.round((total - stats.iteration()) / rate) : -1;
            log.info(String.format(Locale.ROOT, "it %d/%d  %.2f it/s  ETA %s  %s", stats.iteration(), total, rate,
                    etaSeconds < 0 ? "?" : Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase(),
                    means(stats.iteration())));
        }
        if (intervalEnds) {
            window.clear();
            windowFirst = 0;
        }
    }

    /**
     * {@code D(x) 0.87 D(G(z)) 0.40 D 0.702 G 1.566 (means it 51-100)}: as the metrics.jsonl record, D's outputs
     * named for the loss ({@code critic gap D(x)-D(G(z)) 0.35 ...} for wgan). D's outputs come first: they say most
     * about the game, and an 80-column terminal cuts the bar's end.
     */
    private String means(long last) {
        String range = windowFirst == last ? "it " + last : "means it " + windowFirst + "-" + last;
        return DOutputs.brief(dOutputs, window.mean(Window.D_REAL), window.mean(Window.D_FAKE))
                + String.format(Locale.ROOT, " D %.3f G %.3f (%s)", window.mean(Window.D_LOSS),
                window.mean(Window.G_LOSS), range);
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (bar != null) {
            bar.close();
            // The library leaves its consumer open when the bar closes before its first scheduled redraw.
            barLine.close();
            bar = null;
        }
    }
}
