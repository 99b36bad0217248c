package dev.jvmgan.config;

import java.util.Objects;

/**
 * One thing wrong with a config, located where the user can fix it.
 *
 * <p>{@code toString()} reads like a compiler error, so editors and terminals can jump to it:
 * {@code configs/x.yaml:14: train.d.lr: -0.1 must be > 0 and < 1}. The {@code :line} part is left out when the
 * line is unknown (0), and the {@code key: } part when the problem concerns the whole file.
 *
 * @param source  the file path as the user typed it, or {@code --set} for a command-line override
 * @param line    1-based line of the key in {@code source}; 0 if unknown
 * @param key     the dotted key path ({@code train.d.lr}, {@code model.generator.widths[1]}); empty for the file
 * @param message what is wrong and what would be valid
 */
public record ConfigProblem(String source, int line, String key, String message) {

    /** The source of problems that come from {@code --set key=value} overrides. */
    public static final String OVERRIDE_SOURCE = "--set";

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line: " + line + " must be >= 0 (0 means unknown)");
        }
    }

    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
