package dev.jvmgan.run;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.TrainConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * What a resume with a changed config ({@code gan train --resume RUN --set ... --allow-config-change}) can change,
 * and how the changes reach the checkpoint's networks, which are read back with the optimiser settings they were
 * saved with.
 * <ul>
 *   <li>The optimisers: each network's learning rate is multiplied by new / old, so a rollback's cooling saved in
 *       the checkpoint stays applied, and Adam's betas are set to the new ones; Adam's moments go on. For D both
 *       sides are its optimiser as the loop runs it ({@link Algorithms#discriminatorOptimizer}: with a lazy penalty
 *       every k steps, lr times k / (k + 1) and each beta to the power k / (k + 1)), so a change of the penalty's
 *       interval moves D's Adam too.</li>
 *   <li>The networks themselves come from the checkpoint: a change of {@code model.*} would be silently ignored,
 *       so it is refused ({@link #fixedByCheckpoint}), except spectral normalisation (its power iteration starts
 *       on the layers it newly covers) and the classes drawn for fakes, which the loop reads from the config.</li>
 * </ul>
 */
public final class ResumeChanges {
    private static final Logger log = LoggerFactory.getLogger(ResumeChanges.class);

    /** {@code model.*} keys that a resume applies: the others are fixed by the checkpoint's networks. */
    private static final Set<String> APPLIED_MODEL_KEYS = Set.of("model.generator.spectralNorm",
            "model.discriminator.spectralNorm", "model.fakeClasses");

    private ResumeChanges() {
    }

    /** The changes that a resume cannot apply, since the networks read from the checkpoint fix them. */
    public static List<ConfigDiff.Change> fixedByCheckpoint(List<ConfigDiff.Change> changes) {
        return changes.stream().filter(c -> c.key().startsWith("model.") && !APPLIED_MODEL_KEYS.contains(c.key()))
                .toList();
    }

    /**
     * Brings the optimisers of G and D, as read from a checkpoint trained with {@code saved}, to those of
     * {@code requested}.
     */
    static void applyOptimisers(TrainConfig saved, TrainConfig requested, TrainableNetwork generator,
                                TrainableNetwork discriminator) {
        apply("G", saved.g(), requested.g(), generator);
        apply("D", Algorithms.discriminatorOptimizer(saved), Algorithms.discriminatorOptimizer(requested),
                discriminator);
    }

    private static void apply(String name, OptimizerConfig was, OptimizerConfig is, TrainableNetwork network) {
        if (is.lr() != was.lr()) {
            network.scaleLearningRate(is.lr() / was.lr());
        }
        if (is.beta1() != was.beta1() || is.beta2() != was.beta2()) {
            network.setAdamBetas(is.beta1(), is.beta2());
        }
        if (!is.equals(was)) {
            log.info("{}'s Adam on resume: lr x {} (now {}), beta1 {}, beta2 {}", name, is.lr() / was.lr(),
                    network.learningRates().values().stream().findFirst().orElse(Double.NaN), is.beta1(),
                    is.beta2());
        }
    }
}
