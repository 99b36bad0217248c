package dev.jvmgan.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A whole, resolved training run: what {@code configs/*.yaml} describes. Immutable and validated; load one with
 * {@link ConfigLoader}. The resolved form is written into every run directory and travels inside checkpoints.
 *
 * @param name the run's name, by default the config file's base name ({@code fashion-dcgan}); it becomes part of a
 *             directory name, so it must be non-empty and free of path separators
 * @param monitors the health monitors of D and G, and their alerts
 * @param eval     quality scores during training ({@link EvalConfig}); off by default
 */
public record RunConfig(String name, DataConfig data, ModelConfig model, TrainConfig train, OutputConfig output,
                        MonitorConfig monitors, EvalConfig eval) {

    /** The whole file; its {@code name} has no default of its own: the loader passes the config file's base name. */
    static final Schema<RunConfig> SCHEMA = Schema.of(RunConfig.class,
            Key.text("name", RunConfig::nameProblem),
            Key.section("data", DataConfig.SCHEMA),
            Key.section("model", ModelConfig.SCHEMA),
            Key.section("train", TrainConfig.SCHEMA),
            Key.section("output", OutputConfig.SCHEMA),
            Key.section("monitors", MonitorConfig.SCHEMA),
            Key.section("eval", EvalConfig.SCHEMA));

    public RunConfig {
        Objects.requireNonNull(name, "name");
        nameProblem(name).ifPresent(message -> {
            throw new IllegalArgumentException("name: " + message);
        });
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(monitors, "monitors");
        Objects.requireNonNull(eval, "eval");
    }

    /** A run without quality scores during training ({@link EvalConfig#off()}). */
    public RunConfig(String name, DataConfig data, ModelConfig model, TrainConfig train, OutputConfig output,
                     MonitorConfig monitors) {
        this(name, data, model, train, output, monitors, EvalConfig.off());
    }

    /** This run with {@code eval} instead. */
    public RunConfig withEval(EvalConfig eval) {
        return new RunConfig(name, data, model, train, output, monitors, eval);
    }

    static Optional<String> nameProblem(String name) {
        if (name.isBlank()) {
            return Optional.of("must not be empty (e.g. fashion-dcgan)");
        }
        if (name.contains("/") || name.contains("\\")) {
            return Optional.of("'" + name + "' must not contain / or \\: it names the run's directory");
        }
        return Optional.empty();
    }
}
