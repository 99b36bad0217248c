package dev.jvmgan.train;

/**
 * One term of a phase's objective: it runs the passes it needs, adds its gradient to the pending gradients of the
 * phase's network (the other network only passes gradients through, or nothing), and reports what it computed.
 * A phase applies one update after all its terms, so a phase's terms are summed, as StyleGAN2-ADA's
 * {@code accumulate_gradients} sums a phase's losses before its optimiser step.
 *
 * <p>A term that needs D's input gradient ({@link dev.jvmgan.backend.TrainableNetwork#inputGradient}) must come
 * before any term that leaves D passes pending: a gradient penalty first, then the loss.
 */
@FunctionalInterface
public interface GradientTerm {

    /** Runs this term on the step's batches; throws {@link TrainingDivergedException} on a non-finite loss. */
    void accumulate(Step step, IterationResults results);
}
