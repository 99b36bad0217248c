package dev.jvmgan.config;

import java.util.List;

/**
 * One network's architecture.
 *
 * @param architecture a registered architecture name: {@code dcgan} or {@code mlp} built in
 * @param widths       channels (dcgan) or units (mlp) per hidden stage. For a dcgan generator, widths[0] is the
 *                     channel count at the smallest resolution and every further entry doubles the resolution;
 *                     for a dcgan discriminator, every entry is a stride-2 conv that halves it
 * @param activation   the hidden layers' activation
 * @param batchNorm    batch normalisation after hidden layers (dcgan: not after D's first conv, as in DCGAN)
 * @param initStd      standard deviation of the N(0, std) weight initialisation (DCGAN: 0.02)
 */
public record NetworkConfig(String architecture, List<Integer> widths, ActivationConfig activation,
                            boolean batchNorm, double initStd) {
    public NetworkConfig {
        widths = List.copyOf(widths);
    }
}
