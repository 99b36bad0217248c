package dev.jvmgan.config;

import java.util.Objects;

/**
 * The training schedule.
 *
 * @param iterations     generator updates to run (&gt;= 1)
 * @param batchSize      real images per discriminator pass (the fake pass has as many), 1..4096
 * @param dStepsPerGStep discriminator updates before each generator update (k in Goodfellow et al.), 1..100
 * @param seed           seeds weights, latents and data order: one seed gives identical parameters on the CPU
 * @param g              the generator's optimiser
 * @param d              the discriminator's optimiser
 * @param ema            the generator's moving average, which samples and evaluation draw from; off by default
 */
public record TrainConfig(int iterations, int batchSize, int dStepsPerGStep, long seed,
                          OptimizerConfig g, OptimizerConfig d, EmaConfig ema) {

    static final Bound ITERATIONS = Bound.atLeast(1);
    static final Bound BATCH_SIZE = Bound.between(1, 4096);
    static final Bound D_STEPS_PER_G_STEP = Bound.between(1, 100);

    static final Schema<TrainConfig> SCHEMA = Schema.of(TrainConfig.class,
            Key.integer("iterations", 3000, ITERATIONS),
            Key.integer("batchSize", 64, BATCH_SIZE),
            Key.integer("dStepsPerGStep", 1, D_STEPS_PER_G_STEP),
            Key.longInteger("seed", 42L),
            Key.section("g", OptimizerConfig.SCHEMA),
            Key.section("d", OptimizerConfig.SCHEMA),
            Key.section("ema", EmaConfig.SCHEMA));

    /** Without a moving average of the generator. */
    public TrainConfig(int iterations, int batchSize, int dStepsPerGStep, long seed, OptimizerConfig g,
                       OptimizerConfig d) {
        this(iterations, batchSize, dStepsPerGStep, seed, g, d, EmaConfig.off());
    }

    public TrainConfig {
        ITERATIONS.require("iterations", iterations);
        BATCH_SIZE.require("batchSize", batchSize);
        D_STEPS_PER_G_STEP.require("dStepsPerGStep", dStepsPerGStep);
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(ema, "ema");
    }

    /** The same schedule with another moving average. */
    public TrainConfig withEma(EmaConfig newEma) {
        return new TrainConfig(iterations, batchSize, dStepsPerGStep, seed, g, d, newEma);
    }
}
