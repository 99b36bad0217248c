package dev.jvmgan.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.ema.GeneratorAverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code rollback} policy's action: the live networks go back to {@code checkpoints/best.zip} (G and D with
 * their Adam state and update counts, spectral norm's u and v, G's moving average), read as a resume reads a
 * checkpoint, and both learning rates are multiplied by a factor. The loop's counters, the data order and the random
 * streams go on: the run continues from its current iteration with the best networks, more slowly.
 */
final class Rollback {
    private static final Logger log = LoggerFactory.getLogger(Rollback.class);

    private final TrainableNetwork generator;
    private final TrainableNetwork discriminator;
    private final Optional<GeneratorAverage> average;

    Rollback(TrainableNetwork generator, TrainableNetwork discriminator, Optional<GeneratorAverage> average) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.average = average;
    }

    /**
     * Restores the best checkpoint of {@code runDirectory} and scales both learning rates by {@code lrFactor}.
     *
     * @return the {@code "type": "rollback"} record without its {@code iteration}, {@code rule} and count, or empty
     *         when the run has no {@code best.zip} yet (nothing is changed then)
     */
    Optional<ObjectNode> toBest(Path runDirectory, double lrFactor) {
        Path best = Checkpoints.best(runDirectory);
        if (!Files.exists(best)) {
            return Optional.empty();
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.read(best, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot roll back: reading " + best + " failed: " + e.getMessage(), e);
        }
        generator.restoreFrom(TrainableNetworks.of(checkpoint.generator()));
        checkpoint.restoreSpectralNorm(Checkpoint.GENERATOR_NETWORK, generator);
        discriminator.restoreFrom(TrainableNetworks.of(checkpoint.discriminator()));
        checkpoint.restoreSpectralNorm(Checkpoint.DISCRIMINATOR_NETWORK, discriminator);
        average.ifPresent(a -> {
            // A best checkpoint written before train.ema was on has no average: it restarts as a copy of G, as on resume.
            a.network().restoreFrom(TrainableNetworks.of(checkpoint.generatorEma().orElse(checkpoint.generator())));
            checkpoint.restoreSpectralNorm(checkpoint.generatorEma().isPresent() ? Checkpoint.GENERATOR_EMA_NETWORK
                    : Checkpoint.GENERATOR_NETWORK, a.network());
        });
        generator.scaleLearningRate(lrFactor);
        discriminator.scaleLearningRate(lrFactor);
        double gLr = first(generator);
        double dLr = first(discriminator);
        log.warn("rolled back to {} (iteration {}); learning rates x {}: G {}, D {}", best.getFileName(),
                checkpoint.state().iteration(), lrFactor, gLr, dLr);
        return Optional.of(JsonNodeFactory.instance.objectNode().put("type", "rollback")
                .put("to", checkpoint.state().iteration()).put("checkpoint", Checkpoints.BEST)
                .put("lrFactor", lrFactor).put("gLr", gLr).put("dLr", dLr));
    }

    private static double first(TrainableNetwork network) {
        return network.learningRates().values().stream().findFirst().orElse(Double.NaN);
    }
}
