package dev.jvmgan.ema;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.batchnorm.RunningStatistics;
import dev.jvmgan.spectral.SpectralNorm;

import java.util.Map;

/**
 * The generator's moving average, StyleGAN2's {@code G_ema}: a second generator, used only through
 * {@code output}, that follows G after each of G's updates,
 * <pre>
 *   beta = schedule.beta(images of the step, images seen before it)       ({@link EmaSchedule})
 *   ema  = lerp(G, ema, beta) for trained parameters, ema = G for batch norm's running statistics   ({@link ParameterAverage})
 *   u, v of each spectrally normalised layer: copied from G's                 (torch keeps them as buffers)
 * </pre>
 * so a spectrally normalised average computes with its averaged W_orig over sigma = u^T W_orig_ema v, as torch's
 * {@code G_ema}, a {@code deepcopy} of G whose buffers StyleGAN2 copies, does. Training never reads the average.
 *
 * <pre>{@code
 * GeneratorAverage ema = GeneratorAverage.startingFrom(g, schedule);       // a copy of G
 * ema.update(g, batchSize, imagesSeenBeforeTheStep);                       // after each G update
 * ema.network().output(latents);
 * }</pre>
 */
public final class GeneratorAverage {
    private final TrainableNetwork average;
    private final EmaSchedule schedule;
    private final ParameterAverage parameters;

    /**
     * @param average a network laid out as the generator (a copy of it, or a saved average), with the same spectrally
     *                normalised layers; it is moved in place
     */
    public GeneratorAverage(TrainableNetwork average, EmaSchedule schedule) {
        this.average = average;
        this.schedule = schedule;
        this.parameters = new ParameterAverage(RunningStatistics.of(average.model()));
    }

    /** An average that starts as a copy of {@code generator}: its parameters, and u and v where normalised. */
    public static GeneratorAverage startingFrom(TrainableNetwork generator, EmaSchedule schedule) {
        TrainableNetwork copy = TrainableNetworks.of(TrainableNetworks.copyOf(generator.model()),
                generator.spectralNorms().keySet(), 0, generator.numClasses());
        copyVectors(generator, copy);
        return new GeneratorAverage(copy, schedule);
    }

    /**
     * Moves the average toward {@code generator}, just updated: one step of {@code stepImages} images that followed
     * {@code imagesSeenBefore}.
     *
     * @return beta, the weight the old average kept
     */
    public double update(TrainableNetwork generator, int stepImages, long imagesSeenBefore) {
        double beta = schedule.beta(stepImages, imagesSeenBefore);
        // Both flat arrays are DL4J's live parameter views, W_orig in normalised layers (the seam's rest state).
        parameters.update(average.model().params(), generator.model().params(), beta);
        copyVectors(generator, average);
        return beta;
    }

    private static void copyVectors(TrainableNetwork from, TrainableNetwork to) {
        Map<String, SpectralNorm> target = to.spectralNorms();
        from.spectralNorms().forEach((layer, norm) -> target.get(layer).restore(norm.state()));
    }

    /** The average generator, to draw images with its {@code output}; a checkpoint saves its {@code model()}. */
    public TrainableNetwork network() {
        return average;
    }

    public EmaSchedule schedule() {
        return schedule;
    }
}
