package dev.jvmgan.run;

import dev.jvmgan.backend.Buffers;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.Latents;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves an 8x8 grid of generated images, {@code samples/iter-NNNNNNN.png}, every {@code sampleEvery} iterations
 * and at the end, always from the same 64 latents (drawn once from the run's seed) so that grids over time show
 * how the same points of latent space evolve. The generator runs in inference mode (running batch-norm
 * statistics), as it will when users sample from a checkpoint; with {@code train.ema} it is the moving average, as
 * {@code gan sample} draws from by default. Grids are enlarged by an integer factor so that a
 * tile is at least {@value ImageGrid#VISIBLE_TILE} px wide ({@link ImageGrid#visibleScale}); {@code gan sample
 * --training-grid --scale 1} redraws any checkpoint's grid at exact pixels. A class-conditional generator's grid has
 * one row per class instead ({@link #perClass}).
 */
public final class SampleGridListener implements TrainingListener {
    public static final String DIRECTORY = "samples";
    static final int GRID = 8;
    /** Images in a training grid. */
    public static final int GRID_IMAGES = GRID * GRID;
    /** Keeps the fixed latents' stream apart from the training latents' stream of the same seed. */
    static final long FIXED_LATENTS_SALT = 0x5A3B1E5L;

    private final int every;
    /** The generator the grids show; null for the session's. */
    private final TrainableNetwork shown;
    private INDArray fixedLatents;
    private int scale;
    private IterationStats last;
    private long lastWritten = -1;

    public SampleGridListener(int every) {
        this(every, null);
    }

    /** @param shown the generator to draw the grids with (images, NCHW), e.g. the moving average; null for G */
    public SampleGridListener(int every, TrainableNetwork shown) {
        this.every = every;
        this.shown = shown;
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        fixedLatents = fixedLatents(session.config(), session.generator().params().dataType());
        scale = ImageGrid.visibleScale(session.imageShape().size());
    }

    /** The 64 latents every training grid of a run with this config is drawn from. */
    public static INDArray fixedLatents(RunConfig config, DataType dataType) {
        return new Latents(config.model().latentDim(), config.train().seed() ^ FIXED_LATENTS_SALT, DataType.FLOAT)
                .next(GRID * GRID).castTo(dataType).dup();
    }

    /**
     * The training grid of {@code generator}: the images of {@link #fixedLatents} in one inference batch, 8 per row
     * with 2 black pixels around and between them, enlarged {@code scale} times by nearest neighbour.
     */
    public static BufferedImage grid(TrainableNetwork generator, INDArray fixedLatents, int scale) {
        int classes = generator.numClasses();
        INDArray images = classes > 0 ? perClass(generator, fixedLatents, classes) : generator.output(fixedLatents);
        try {
            return ImageGrid.upscale(ImageGrid.grid(images, GRID, 2), scale);
        } finally {
            Buffers.release(images); // the PNG is drawn; a grid's images are 64 full-size images every sampleEvery
        }
    }

    /**
     * A class-conditional generator's grid: one row per class k, each of the first 8 fixed latents made as class k,
     * so a column is one latent across the classes and a row one class across the latents.
     */
    static INDArray perClass(TrainableNetwork generator, INDArray fixedLatents, int classes) {
        INDArray row = fixedLatents.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, GRID),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray latents = org.nd4j.linalg.factory.Nd4j.vstack(java.util.Collections.nCopies(classes, row));
        int[] labels = new int[classes * GRID];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / GRID;
        }
        try {
            return generator.output(latents, labels);
        } finally {
            Buffers.release(latents);
        }
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
        try {
            ImageGrid.writePng(grid(shown != null ? shown : session.generator(), fixedLatents, scale), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample grid " + file + ": " + e.getMessage(), e);
        }
        lastWritten = iteration;
    }
}
