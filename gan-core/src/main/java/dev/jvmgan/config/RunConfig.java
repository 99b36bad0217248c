package dev.jvmgan.config;

/**
 * A whole, resolved training run: what {@code configs/*.yaml} describes. Immutable and validated; load one with
 * {@link ConfigLoader}. The resolved form is written into every run directory and travels inside checkpoints.
 *
 * @param name the run's name, by default the config file's base name ({@code fashion-dcgan})
 */
public record RunConfig(String name, DataConfig data, ModelConfig model, TrainConfig train, OutputConfig output) {
}
