package dev.jvmgan.config;

import java.util.List;
import java.util.Map;
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

    /**
     * DCGAN (Radford et al. 2016). D mirrors G's widths and uses LeakyReLU (at its default slope, 0.2), as DCGAN
     * found ReLU trains worse there; everything else is {@link NetworkConfig}'s defaults.
     */
    static final Schema<ModelConfig> SCHEMA = Schema.of(ModelConfig.class,
            Key.integer("latentDim", 100, LATENT_DIM),
            Key.section("generator", NetworkConfig.SCHEMA),
            Key.section("discriminator", NetworkConfig.SCHEMA, Map.of("widths", List.of(64, 128),
                    "activation", ActivationConfig.defaults(ActivationType.LEAKYRELU))));

    public ModelConfig {
        LATENT_DIM.require("latentDim", latentDim);
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(discriminator, "discriminator");
    }
}
