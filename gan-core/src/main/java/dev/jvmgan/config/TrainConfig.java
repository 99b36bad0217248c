package dev.jvmgan.config;

/**
 * The training schedule.
 *
 * @param iterations     generator updates to run
 * @param batchSize      real images per discriminator pass (the fake pass has as many)
 * @param dStepsPerGStep discriminator updates before each generator update (k in Goodfellow et al.)
 * @param seed           seeds weights, latents and data order: one seed gives identical parameters on the CPU
 * @param g              the generator's optimiser
 * @param d              the discriminator's optimiser
 */
public record TrainConfig(int iterations, int batchSize, int dStepsPerGStep, long seed,
                          OptimizerConfig g, OptimizerConfig d) {
}
