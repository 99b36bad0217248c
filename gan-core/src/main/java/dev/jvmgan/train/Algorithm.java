package dev.jvmgan.train;

import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.loss.GanLoss;
import dev.jvmgan.loss.NonSaturating;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.penalty.GradientPenalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The training algorithm as data: the phases the loop runs at every step, and the transform T that every image D
 * sees goes through. The usual ones are built here:
 * <pre>{@code
 * Algorithm.of(new NonSaturating(), 1, InputTransform.identity())           // DCGAN: Dmain, Gmain
 * Algorithm.of(new NonSaturating(), 1, diffAugment).withPenalty(r1, 16)    // Dmain, Dreg every 16, Gmain
 * Algorithm.of(new Wasserstein(), 5, identity).withPenalty(wganGp, 1)      // Dboth, Gmain every 5
 * }</pre>
 *
 * @param phases  in the order they run within a step; D's before G's, so G learns through the updated D
 * @param dInputs T: applied to the real and the generated batch of every step before D sees them
 */
public record Algorithm(List<Phase> phases, InputTransform dInputs) {

    public Algorithm {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("phases: an algorithm needs at least one phase");
        }
        Objects.requireNonNull(dInputs, "dInputs");
    }

    /**
     * D's loss every step ({@code Dmain}) and G's loss every {@code dStepsPerGStep} steps ({@code Gmain}), with D's
     * inputs through {@code dInputs}.
     */
    public static Algorithm of(GanLoss loss, int dStepsPerGStep, InputTransform dInputs) {
        return new Algorithm(List.of(new Phase(Phase.D_MAIN, NetworkRole.DISCRIMINATOR, 1, new DiscriminatorLoss(loss)),
                new Phase(Phase.G_MAIN, NetworkRole.GENERATOR, dStepsPerGStep, new GeneratorLoss(loss))), dInputs);
    }

    /** The DCGAN loop: the non-saturating loss, k D steps per G step, D's inputs as they are. */
    public static Algorithm dcgan(int dStepsPerGStep) {
        return of(new NonSaturating(), dStepsPerGStep, InputTransform.identity());
    }

    /**
     * This algorithm with a gradient penalty on D. Every step ({@code every} 1): {@code Dmain} becomes
     * {@code Dboth}, the penalty then D's loss in one update. Lazily ({@code every} k &gt; 1): a {@code Dreg} phase
     * after {@code Dmain}, every k steps, its own update with the penalty weighted by k.
     *
     * @throws IllegalStateException if there is no {@code Dmain} phase to regularise
     */
    public Algorithm withPenalty(GradientPenalty penalty, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every: must be >= 1, got " + every);
        }
        int main = -1;
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(Phase.D_MAIN)) {
                main = i;
            }
        }
        if (main < 0) {
            throw new IllegalStateException("no " + Phase.D_MAIN + " phase to add a penalty to: " + phaseNames());
        }
        Phase dMain = phases.get(main);
        List<Phase> with = new ArrayList<>(phases);
        if (every == 1) {
            List<GradientTerm> terms = new ArrayList<>();
            terms.add(new DiscriminatorPenalty(penalty, 1));
            terms.addAll(dMain.terms());
            with.set(main, new Phase(Phase.D_BOTH, NetworkRole.DISCRIMINATOR, dMain.interval(), terms));
        } else {
            with.add(main + 1, new Phase(Phase.D_REG, NetworkRole.DISCRIMINATOR, every,
                    new DiscriminatorPenalty(penalty, every)));
        }
        return new Algorithm(with, dInputs);
    }

    /** {@code Dmain/1, Gmain/1}: each phase's name and interval, in order. */
    public List<String> phaseNames() {
        return phases.stream().map(p -> p.name() + "/" + p.interval()).toList();
    }
}
