package dev.jvmgan.run;

import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.Latents;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves an 8x8 grid of generated images, {@code samples/iter-NNNNNNN.png}, every {@code sampleEvery} iterations
 * and at the end, always from the same 64 latents (drawn once from the run's seed) so that grids over time show
 * how the same points of latent space evolve. The generator runs in inference mode (running batch-norm
 * statistics), as it will when users sample from a checkpoint.
 */
public final class SampleGridListener implements TrainingListener {
    public static final String DIRECTORY = "samples";
    static final int GRID = 8;
    /** Keeps the fixed latents' stream apart from the training latents' stream of the same seed. */
    static final long FIXED_LATENTS_SALT = 0x5A3B1E5L;

    private final int every;
    private INDArray fixedLatents;
    private IterationStats last;
    private long lastWritten = -1;

    public SampleGridListener(int every) {
        this.every = every;
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        fixedLatents = new Latents(session.config().model().latentDim(),
                session.config().train().seed() ^ FIXED_LATENTS_SALT, DataType.FLOAT)
                .next(GRID * GRID).castTo(session.generator().params().dataType()).dup();
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        last = stats;
        if (stats.iteration() % every == 0) {
            write(session, stats.iteration());
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (failure == null && last != null && last.iteration() != lastWritten) {
            write(session, last.iteration());
        }
    }

    private void write(TrainingSession session, long iteration) {
        Path file = session.runDirectory().resolve(DIRECTORY).resolve(String.format("iter-%07d.png", iteration));
        INDArray images = session.generator().output(fixedLatents);
        try {
            ImageGrid.writePng(ImageGrid.grid(images, GRID, 2), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample grid " + file + ": " + e.getMessage(), e);
        }
        lastWritten = iteration;
    }
}
