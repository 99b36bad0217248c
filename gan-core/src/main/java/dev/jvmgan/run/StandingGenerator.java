package dev.jvmgan.run;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.batchnorm.StandingStatistics;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sampled generator's batch-norm running statistics recomputed from training-mode passes of fresh latents
 * ({@link StandingStatistics}, BigGAN's standing statistics): {@code gan sample} and {@code gan eval} with
 * {@code --standing-stats K}, and G's moving average with {@code train.ema.standingStats} ({@link StandingListener}).
 * Pass k draws the latents of seeds {@link #FIRST_SEED} + k B to + (k + 1) B - 1, with B
 * the run's batch size, so the statistics come from other latents than the seeds 0, 1, ... that are drawn and scored,
 * and a class-conditional generator makes seed s as class s mod its number of classes.
 */
public final class StandingGenerator {
    /** The first latent seed of the passes: far above any seed {@code gan sample} or {@code gan eval} draws. */
    public static final long FIRST_SEED = 1L << 40;

    private StandingGenerator() {
    }

    /**
     * @param generator a generator for inference (its optimiser is never used), latents in, images or their rows out
     * @param batches   training-mode passes, at least 1
     * @return the number of batch-norm layers updated (0: none, and no pass was run)
     */
    public static int stand(TrainableNetwork generator, int latentDim, int batchSize, int batches) {
        int classes = generator.numClasses();
        generator.holdPowerIteration(true);
        try {
            return StandingStatistics.recompute(generator, batches, k -> {
                long first = FIRST_SEED + (long) k * batchSize;
                double[][] latents = SampleLatents.ofSeeds(latentDim, first, batchSize);
                int[] labels = null;
                if (classes > 0) {
                    labels = new int[batchSize];
                    for (int i = 0; i < batchSize; i++) {
                        labels[i] = SampleClasses.ofSeed(first + i, classes);
                    }
                }
                generator.forward(Nd4j.createFromArray(latents).castTo(generator.params().dataType()), labels);
            });
        } finally {
            generator.holdPowerIteration(false);
        }
    }
}
