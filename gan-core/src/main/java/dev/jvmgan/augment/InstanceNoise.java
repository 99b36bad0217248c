package dev.jvmgan.augment;

import dev.jvmgan.train.RandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Instance noise (Sønderby et al. 2016; Arjovsky and Bottou 2017): Gaussian noise on everything D sees, real and
 * generated alike, which makes the two distributions overlap, so D cannot separate them perfectly early in training
 * and its gradient stays informative; the noise fades out linearly:
 * <pre>
 *   y = x + sigma_t n,   n ~ N(0, I) drawn anew per call,   sigma_t = sigma_0 max(0, 1 - t / T)
 *   dy/dx = I            (the noise does not depend on x), so the backward pass is the identity
 * </pre>
 * t is the iteration about to run (0 for the first), T = {@code annealIterations}: full noise at the start, none from
 * iteration T on. The noise comes from an ND4J generator of its own, seeded, whose {@link #state()} a checkpoint
 * keeps; while sigma_t is 0 nothing is drawn, so the stream depends only on the iterations with noise.
 */
public final class InstanceNoise implements InputTransform {
    private final double initialSigma;
    private final long annealIterations;
    private final Random random;

    /**
     * @param initialSigma     sigma_0, in the images' units (images in [-1, 1]: 0.1 is mild, 1 strong), &gt;= 0
     * @param annealIterations T, the iteration from which the noise is off, &gt;= 1
     */
    public InstanceNoise(double initialSigma, long annealIterations, long seed) {
        if (!(initialSigma >= 0) || Double.isInfinite(initialSigma)) {
            throw new IllegalArgumentException("instance noise sigma must be finite and >= 0, got " + initialSigma);
        }
        if (annealIterations < 1) {
            throw new IllegalArgumentException("instance noise annealIterations must be >= 1, got " + annealIterations);
        }
        this.initialSigma = initialSigma;
        this.annealIterations = annealIterations;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** sigma_t = sigma_0 max(0, 1 - t / T). */
    public double sigma(long iteration) {
        return initialSigma * Math.max(0, 1 - (double) iteration / annealIterations);
    }

    @Override
    public Transformed apply(INDArray images, long iteration) {
        double sigma = sigma(iteration);
        INDArray noisy = images.dup();
        if (sigma > 0) {
            INDArray noise = Nd4j.createUninitialized(images.dataType(), images.shape());
            Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0.0, sigma), random);
            noisy.addi(noise);
        }
        return new Transformed() {
            @Override
            public INDArray images() {
                return noisy;
            }

            @Override
            public INDArray backward(INDArray dLossDOutput) {
                return dLossDOutput;
            }
        };
    }

    /** Where the noise stream stands, for checkpoints. */
    public RandomState state() {
        return RandomState.of(random);
    }

    /** Continues the noise stream from a saved {@link #state()}. */
    public void restore(RandomState state) {
        state.applyTo(random);
    }
}
