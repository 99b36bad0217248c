package dev.jvmgan.run;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes {@code checkpoints/iter-NNNNNNN.zip} every {@code checkpointEvery} iterations and when training ends
 * normally. After a failure nothing is written: the last checkpoint on disk is the last good state.
 */
public final class CheckpointListener implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(CheckpointListener.class);
    private final int every;
    private IterationStats last;
    private long lastWritten = -1;

    public CheckpointListener(int every) {
        this.every = every;
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        last = stats;
        if (stats.iteration() % every == 0) {
            write(session, stats);
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (failure == null && last != null && last.iteration() != lastWritten) {
            write(session, last);
        }
    }

    private void write(TrainingSession session, IterationStats stats) {
        Path file = Checkpoints.file(session.runDirectory(), stats.iteration());
        Checkpoint checkpoint = new Checkpoint(session.generator().model(), session.discriminator().model(),
                new Checkpoint.State(stats.iteration(), stats.imagesSeen(), "jvm-gan"),
                ConfigLoader.toYaml(session.config()));
        try {
            checkpoint.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage()
                    + " (the previous checkpoint is intact)", e);
        }
        lastWritten = stats.iteration();
        log.debug("checkpoint {}", file);
    }
}
