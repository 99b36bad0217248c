package dev.jvmgan.run;

import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.config.EmaConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.ema.EmaSchedule;
import dev.jvmgan.ema.GeneratorAverage;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.config.Precision;
import dev.jvmgan.convolution.OneDnnConvolutions;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The networks of a run behind the training seam: G and D, new from the config or read from a checkpoint, with the
 * layers the config spectrally normalises ({@link NetworkFactory#spectralNormLayers}) and, from a checkpoint, their
 * power iterations' u and v; and, with {@code train.ema}, the generator's moving average.
 *
 * @param generator     G, as images ({@link ImageGeneratorNetwork})
 * @param average       the moving average of G, if {@code train.ema} is on
 * @param averageImages the average as images, for sample grids (null without an average)
 */
record RunNetworks(ImageGeneratorNetwork generator, TrainableNetwork discriminator, Optional<GeneratorAverage> average,
                   ImageGeneratorNetwork averageImages) {
    private static final Logger log = LoggerFactory.getLogger(RunNetworks.class);

    /** Builds G and D from the config (or reads them from {@code checkpoint}, when resuming) and the average. */
    static RunNetworks of(RunConfig config, ImageShape shape, Seeds seeds, Checkpoint checkpoint) {
        return of(config, shape, seeds, checkpoint, 0);
    }

    /**
     * As {@link #of(RunConfig, ImageShape, Seeds, Checkpoint)}, each network that is conditional
     * ({@link NetworkRole#conditional}) conditioned on {@code runClasses} (0: the run has no classes).
     */
    static RunNetworks of(RunConfig config, ImageShape shape, Seeds seeds, Checkpoint checkpoint, int runClasses) {
        int gClasses = NetworkRole.GENERATOR.conditional(config.model()) ? runClasses : 0;
        int dClasses = NetworkRole.DISCRIMINATOR.conditional(config.model()) ? runClasses : 0;
        Model g = checkpoint == null ? NetworkFactory.create(NetworkRole.GENERATOR, config.model(),
                config.train().g(), shape, seeds.generator(), DataType.FLOAT, gClasses) : checkpoint.generator();
        // With lazy regularisation D's Adam runs at StyleGAN2's scaled lr and betas; a checkpoint's D carries them.
        OptimizerConfig dOptimizer = Algorithms.discriminatorOptimizer(config.train());
        Model d = checkpoint == null ? NetworkFactory.create(NetworkRole.DISCRIMINATOR, config.model(),
                dOptimizer, shape, seeds.discriminator(), DataType.FLOAT, dClasses) : checkpoint.discriminator();
        Set<String> gLayers = NetworkFactory.spectralNormLayers(NetworkRole.GENERATOR, config.model(),
                config.train().g(), shape, seeds.generator(), g);
        Set<String> dLayers = NetworkFactory.spectralNormLayers(NetworkRole.DISCRIMINATOR, config.model(),
                dOptimizer, shape, seeds.discriminator(), d);
        TrainableNetwork generator = TrainableNetworks.of(g, gLayers, seeds.generatorSpectralNorm(), gClasses);
        TrainableNetwork discriminator = TrainableNetworks.of(d, dLayers, seeds.discriminatorSpectralNorm(),
                dClasses);
        convolutions(config.train().precision(), g, d);
        if (!gLayers.isEmpty() || !dLayers.isEmpty()) {
            log.info("spectral norm: G {}, D {}", gLayers.isEmpty() ? "none" : String.join(", ", gLayers),
                    dLayers.isEmpty() ? "none" : String.join(", ", dLayers));
        }
        if (checkpoint != null) {
            restoreVectors(checkpoint, Checkpoint.GENERATOR_NETWORK, generator);
            restoreVectors(checkpoint, Checkpoint.DISCRIMINATOR_NETWORK, discriminator);
        }
        Optional<GeneratorAverage> average = average(config.train().ema(), generator, gLayers, checkpoint,
                gClasses);
        return new RunNetworks(new ImageGeneratorNetwork(generator, shape), discriminator, average,
                average.map(a -> new ImageGeneratorNetwork(a.network(), shape)).orElse(null));
    }

    /** Throws a {@link RunSetupException} saying why this machine cannot train at {@code precision}, if it cannot. */
    static void requirePrecision(Precision precision) {
        if (precision == Precision.BF16) {
            OneDnnConvolutions.unavailable(Precision.BF16).ifPresent(problem -> {
                throw new RunSetupException("train.precision: bf16: " + problem + "; set train.precision: float32",
                        null);
            });
        }
    }

    /**
     * Puts G's and D's convolutions on the project's oneDNN primitives: in bf16 ({@code train.precision: bf16}, or
     * says why it cannot), in float32 where oneDNN's preset loads on the CPU backend (else DL4J's ops keep them).
     */
    private static void convolutions(Precision precision, Model g, Model d) {
        requirePrecision(precision);
        OneDnnConvolutions.unavailable(precision).ifPresent(why -> log.debug("convolutions: ND4J's ops ({})", why));
        int gSwitched = OneDnnConvolutions.installWherePossible(precision, g);
        int dSwitched = OneDnnConvolutions.installWherePossible(precision, d);
        if (precision == Precision.BF16) {
            log.info("precision: bf16 mixed, {} convolutions of G and {} of D in bfloat16 through oneDNN, the rest "
                    + "float32", gSwitched, dSwitched);
        } else if (gSwitched + dSwitched > 0) {
            log.info("convolutions: {} of G and {} of D on the project's oneDNN primitives (float32)", gSwitched,
                    dSwitched);
        }
    }

    /**
     * The average from the checkpoint, or a copy of G when there is none yet; none when {@code train.ema} is off. It
     * only draws images, with its convolutions on the float32 primitives where they can run, as
     * {@link Checkpoint#generator} draws them afterwards.
     */
    private static Optional<GeneratorAverage> average(EmaConfig ema, TrainableNetwork generator, Set<String> layers,
                                                      Checkpoint checkpoint, int numClasses) {
        if (!ema.enabled()) {
            return Optional.empty();
        }
        EmaSchedule schedule = ema.rampsUp() ? new EmaSchedule(ema.halfLifeImages(), ema.rampUp())
                : EmaSchedule.withoutRampUp(ema.halfLifeImages());
        if (checkpoint == null || checkpoint.generatorEma().isEmpty()) {
            if (checkpoint != null) {
                log.warn("the checkpoint has no moving average of G (train.ema was off): it starts as a copy of G");
            }
            GeneratorAverage fresh = GeneratorAverage.startingFrom(generator, schedule);
            OneDnnConvolutions.installWherePossible(Precision.FLOAT32, fresh.network().model());
            return Optional.of(fresh);
        }
        TrainableNetwork saved = TrainableNetworks.of(checkpoint.generatorEma().get(), layers, 0, numClasses);
        OneDnnConvolutions.installWherePossible(Precision.FLOAT32, saved.model());
        restoreVectors(checkpoint, Checkpoint.GENERATOR_EMA_NETWORK, saved);
        return Optional.of(new GeneratorAverage(saved, schedule));
    }

    private static void restoreVectors(Checkpoint checkpoint, String network, TrainableNetwork into) {
        List<String> fresh;
        try {
            fresh = checkpoint.restoreSpectralNorm(network, into);
        } catch (IllegalArgumentException e) {
            throw new RunSetupException("cannot resume the spectral norm of the " + network + ": " + e.getMessage(), e);
        }
        if (!fresh.isEmpty()) {
            log.warn("the checkpoint has no spectral norm state of {} layers {} (spectralNorm was off): their power "
                    + "iteration starts afresh", network, String.join(", ", fresh));
        }
    }
}
