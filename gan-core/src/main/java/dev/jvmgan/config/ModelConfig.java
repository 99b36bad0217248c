package dev.jvmgan.config;

/**
 * The two networks and the latent space between them.
 *
 * @param latentDim     size of the Gaussian latent vector z fed to the generator
 * @param generator     the generator's architecture
 * @param discriminator the discriminator's architecture
 */
public record ModelConfig(int latentDim, NetworkConfig generator, NetworkConfig discriminator) {
}
