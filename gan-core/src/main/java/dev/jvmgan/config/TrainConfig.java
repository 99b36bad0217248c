package dev.jvmgan.config;

import java.util.List;
import java.util.Objects;

/**
 * The training schedule and the training algorithm: loss, regulariser and what D's inputs go through.
 *
 * @param iterations     generator updates to run (&gt;= 1)
 * @param batchSize      real images per discriminator pass (the fake pass has as many), 1..4096
 * @param dStepsPerGStep discriminator updates before each generator update (k in Goodfellow et al.), 1..100
 * @param seed           seeds weights, latents and data order: one seed gives identical parameters on the CPU
 * @param g              the generator's optimiser
 * @param d              the discriminator's optimiser
 * @param loss           the GAN loss, with one-sided label smoothing where it has labels
 * @param penalty        a gradient penalty on D (R1, WGAN-GP), or none
 * @param augment        DiffAugment's operations (Zhao et al. 2020) applied to real and generated images before D,
 *                       from {@link #AUGMENTATIONS}, in the order given; empty for none
 * @param instanceNoise  annealed Gaussian noise on D's inputs
 * @param ema            the generator's moving average, which samples and evaluation draw from; off by default
 * @param distributed    local SGD over partitions on Spark ({@code gan train --spark}); off by default
 * @param precision      the convolutions' arithmetic: {@code float32} (the default) or {@code bf16} (also spelt
 *                       {@code bf16-mixed}), which needs AVX512-BF16 and no gradient penalty (its finite-difference
 *                       Hessian-vector product needs float32 gradients)
 */
public record TrainConfig(int iterations, int batchSize, int dStepsPerGStep, long seed,
                          OptimizerConfig g, OptimizerConfig d, LossConfig loss, PenaltyConfig penalty,
                          List<String> augment, InstanceNoiseConfig instanceNoise, EmaConfig ema,
                          DistributedConfig distributed, Precision precision) {

    /** DiffAugment's policies, as its reference spells them: {@code color}, {@code translation}, {@code cutout}. */
    public static final List<String> AUGMENTATIONS = List.of("color", "translation", "cutout");

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
            LossYaml.key("loss", LossConfig.of(LossConfig.Type.NS)),
            PenaltyYaml.key("penalty", PenaltyConfig.none()),
            SpecialKeys.names("augment", AUGMENTATIONS),
            Key.section("instanceNoise", InstanceNoiseConfig.SCHEMA),
            Key.section("ema", EmaConfig.SCHEMA),
            Key.section("distributed", DistributedConfig.SCHEMA),
            Key.choice("precision", Precision.FLOAT32, java.util.Map.of("bf16-mixed", Precision.BF16)))
            .rule(List.of("precision", "penalty"), (values, written) ->
                    values.get("precision") == Precision.BF16 && ((PenaltyConfig) values.get("penalty")).enabled()
                            ? java.util.Optional.of(new ConfigRule.Violation("precision", "bf16 cannot be used with "
                            + "a gradient penalty: the penalty's finite-difference Hessian-vector product needs "
                            + "float32 gradients; set precision: float32 or penalty: none"))
                            : java.util.Optional.empty());

    public TrainConfig {
        ITERATIONS.require("iterations", iterations);
        BATCH_SIZE.require("batchSize", batchSize);
        D_STEPS_PER_G_STEP.require("dStepsPerGStep", dStepsPerGStep);
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(penalty, "penalty");
        augment = List.copyOf(augment);
        for (String name : augment) {
            if (!AUGMENTATIONS.contains(name)) {
                throw new IllegalArgumentException("augment: '" + name + "' is not one of " + AUGMENTATIONS);
            }
        }
        if (augment.stream().distinct().count() != augment.size()) {
            throw new IllegalArgumentException("augment: " + augment + " names an operation twice");
        }
        Objects.requireNonNull(instanceNoise, "instanceNoise");
        Objects.requireNonNull(ema, "ema");
        Objects.requireNonNull(distributed, "distributed");
        Objects.requireNonNull(precision, "precision");
        if (precision == Precision.BF16 && penalty.enabled()) {
            throw new IllegalArgumentException("precision: bf16 cannot be used with a gradient penalty");
        }
    }

    /** In float32: the config as before {@code train.precision} existed. */
    public TrainConfig(int iterations, int batchSize, int dStepsPerGStep, long seed, OptimizerConfig g,
                       OptimizerConfig d, LossConfig loss, PenaltyConfig penalty, List<String> augment,
                       InstanceNoiseConfig instanceNoise, EmaConfig ema, DistributedConfig distributed) {
        this(iterations, batchSize, dStepsPerGStep, seed, g, d, loss, penalty, augment, instanceNoise, ema,
                distributed, Precision.FLOAT32);
    }

    /** Not distributed: the config as before {@code train.distributed} existed. */
    public TrainConfig(int iterations, int batchSize, int dStepsPerGStep, long seed, OptimizerConfig g,
                       OptimizerConfig d, LossConfig loss, PenaltyConfig penalty, List<String> augment,
                       InstanceNoiseConfig instanceNoise, EmaConfig ema) {
        this(iterations, batchSize, dStepsPerGStep, seed, g, d, loss, penalty, augment, instanceNoise, ema,
                DistributedConfig.off());
    }

    /**
     * The schedule with the default algorithm: the non-saturating loss, no penalty, no augmentation, no noise, no
     * moving average of G.
     */
    public TrainConfig(int iterations, int batchSize, int dStepsPerGStep, long seed, OptimizerConfig g,
                       OptimizerConfig d) {
        this(iterations, batchSize, dStepsPerGStep, seed, g, d, SCHEMA.defaults().loss(), SCHEMA.defaults().penalty(),
                SCHEMA.defaults().augment(), SCHEMA.defaults().instanceNoise(), EmaConfig.off());
    }

    /** This schedule with another algorithm. */
    public TrainConfig withAlgorithm(LossConfig loss, PenaltyConfig penalty, List<String> augment,
                                     InstanceNoiseConfig instanceNoise) {
        return new TrainConfig(iterations, batchSize, dStepsPerGStep, seed, g, d, loss, penalty, augment,
                instanceNoise, ema, distributed, precision);
    }

    /** The same schedule with another moving average. */
    public TrainConfig withEma(EmaConfig newEma) {
        return new TrainConfig(iterations, batchSize, dStepsPerGStep, seed, g, d, loss, penalty, augment,
                instanceNoise, newEma, distributed, precision);
    }

    /** The same training, spread over partitions as {@code newDistributed} says. */
    public TrainConfig withDistributed(DistributedConfig newDistributed) {
        return new TrainConfig(iterations, batchSize, dStepsPerGStep, seed, g, d, loss, penalty, augment,
                instanceNoise, ema, newDistributed, precision);
    }
}
