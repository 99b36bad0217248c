package dev.jvmgan.run;

import java.util.SplittableRandom;

/**
 * Independent seeds for each random stream of a run, all derived from the run's one {@code train.seed}, so that
 * adding a stream or drawing more from one never shifts another.
 *
 * @param global        ND4J's global generator (dropout, RReLU's slopes)
 * @param generator     G's initial weights
 * @param discriminator D's initial weights
 * @param latents       the training latents
 * @param dataOrder     the shuffled order of the real images
 * @param augment       DiffAugment's per-sample parameters
 * @param instanceNoise the instance noise on D's inputs
 * @param penalty       a penalty's own draws (WGAN-GP's interpolation weights)
 * @param generatorSpectralNorm     the initial u and v of G's spectrally normalised layers
 * @param discriminatorSpectralNorm the same for D
 */
record Seeds(long global, long generator, long discriminator, long latents, long dataOrder, long augment,
             long instanceNoise, long penalty, long generatorSpectralNorm, long discriminatorSpectralNorm) {
    /**
     * The seeds of {@code train.seed}, drawn from one SplittableRandom in this order (never reorder: runs repeat;
     * new streams go at the end, so the older ones keep their seeds).
     */
    static Seeds of(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return new Seeds(root.nextLong(), root.nextLong(), root.nextLong(), root.nextLong(), root.nextLong(),
                root.nextLong(), root.nextLong(), root.nextLong(), root.nextLong(), root.nextLong());
    }
}
