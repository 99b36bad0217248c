package dev.jvmgan.config;

import java.util.Objects;

/**
 * The two networks and the latent space between them.
 *
 * @param latentDim     size of the Gaussian latent vector z fed to the generator (1..4096)
 * @param generator     the generator's architecture
 * @param discriminator the discriminator's architecture
 */
public record ModelConfig(int latentDim, NetworkConfig generator, NetworkConfig discriminator) {

    static final Bound LATENT_DIM = Bound.between(1, 4096);

    public ModelConfig {
        LATENT_DIM.require("latentDim", latentDim);
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(discriminator, "discriminator");
    }
}
