package dev.jvmgan.run;

import dev.jvmgan.ema.GeneratorAverage;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;

/**
 * Moves the generator's moving average after every iteration, whose one G update followed {@code dStepsPerGStep}
 * discriminator steps of {@code batchSize} real images each: the step's images, as StyleGAN2 counts
 * {@code cur_nimg}, are {@code dStepsPerGStep * batchSize}, and the images seen before it are the iteration's
 * {@code imagesSeen} less those. Runs first among the listeners, so that grids and checkpoints of an iteration hold
 * the average of the same iteration.
 */
final class EmaListener implements TrainingListener {
    private final GeneratorAverage average;
    private final int stepImages;

    EmaListener(GeneratorAverage average, int stepImages) {
        this.average = average;
        this.stepImages = stepImages;
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        average.update(session.generator(), stepImages, Math.max(0, stats.imagesSeen() - stepImages));
    }
}
