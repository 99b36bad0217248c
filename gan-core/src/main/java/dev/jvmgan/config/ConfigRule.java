package dev.jvmgan.config;

import java.util.List;

/**
 * A cross-field rule over a whole, individually valid config: the extension point through which other packages
 * (e.g. an architecture registry: "dcgan needs imageSize divisible by 2^widths") reject configs at load time,
 * with the YAML line, instead of failing later inside DL4J.
 *
 * <pre>{@code
 * ConfigRule knownArchitecture = config -> registry.contains(config.model().generator().architecture())
 *         ? List.of()
 *         : List.of(new ConfigRule.Violation("model.generator.architecture", "unknown; valid: dcgan, mlp"));
 * }</pre>
 *
 * <p>Rules run only when every key of the file is valid on its own, so a rule may trust each value's range.
 */
@FunctionalInterface
public interface ConfigRule {

    /** Every violation of this rule; empty if the config satisfies it. */
    List<Violation> check(RunConfig config);

    /**
     * @param key     the dotted key the user should change ({@code train.batchSize}); the loader reports it at that
     *                key's line, or at its nearest written parent's line if the key was left to its default
     * @param message what is wrong and how to fix it
     */
    record Violation(String key, String message) {
    }
}
