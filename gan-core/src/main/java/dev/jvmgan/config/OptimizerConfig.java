package dev.jvmgan.config;

/**
 * An optimiser. Only Adam today (the DCGAN choice), so {@code type} is checked to be {@code adam}.
 *
 * @param type  {@code adam}
 * @param lr    learning rate (DCGAN: 2e-4)
 * @param beta1 Adam's first-moment decay (DCGAN: 0.5)
 * @param beta2 Adam's second-moment decay (0.999)
 */
public record OptimizerConfig(String type, double lr, double beta1, double beta2) {
    public static OptimizerConfig dcganAdam() {
        return new OptimizerConfig("adam", 2e-4, 0.5, 0.999);
    }
}
