package dev.jvmgan.config;

/**
 * Instance noise ({@code train.instanceNoise}, Sønderby et al. 2016): Gaussian noise on every image D sees, real and
 * generated, with a standard deviation that falls linearly from {@code sigma} at the first iteration to 0 at
 * iteration {@code annealIterations}: {@code sigma_t = sigma max(0, 1 - t / T)}.
 *
 * @param sigma            sigma_0 in the images' units (they lie in [-1, 1]: 0.1 is mild, 1 strong); 0 turns the
 *                         noise off, &gt;= 0
 * @param annealIterations T, the iteration from which the noise is off, &gt;= 1 (a third to a half of
 *                         {@code train.iterations} is usual)
 */
public record InstanceNoiseConfig(double sigma, int annealIterations) {

    static final Bound SIGMA = Bound.atLeast(0);
    static final Bound ANNEAL_ITERATIONS = Bound.atLeast(1);

    /** Off: sigma 0. */
    static final Schema<InstanceNoiseConfig> SCHEMA = Schema.of(InstanceNoiseConfig.class,
            Key.number("sigma", 0.0, SIGMA),
            Key.integer("annealIterations", 1000, ANNEAL_ITERATIONS));

    public InstanceNoiseConfig {
        SIGMA.require("sigma", sigma);
        ANNEAL_ITERATIONS.require("annealIterations", annealIterations);
    }

    /** Whether any noise is added. */
    public boolean enabled() {
        return sigma > 0;
    }
}
