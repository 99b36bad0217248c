package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Builds small YAML texts and parses them under the source name {@code t.yaml}. */
final class ConfigTestSupport {
    static final String SOURCE = "t.yaml";

    private ConfigTestSupport() {
    }

    /**
     * {@code nested("train.d.lr", "-0.1")} is the block YAML for that one key, so the key sits on line N for an
     * N-part path: three lines here, {@code lr} on line 3.
     */
    static String nested(String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            yaml.append("  ".repeat(i)).append(parts[i]).append(':');
            if (i == parts.length - 1 && !value.isEmpty()) {
                yaml.append(' ').append(value);
            }
            yaml.append('\n');
        }
        return yaml.toString();
    }

    static RunConfig parse(String yaml, String... overrides) {
        return ConfigLoader.parse(yaml, SOURCE, "t", List.of(overrides), List.of());
    }

    static RunConfig parse(String yaml, List<ConfigRule> rules) {
        return ConfigLoader.parse(yaml, SOURCE, "t", List.of(), rules);
    }

    /** The exception's full message: every problem, one per line. */
    static String problems(String yaml, String... overrides) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
    }

    static String problems(String yaml, List<ConfigRule> rules) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml, rules)).getMessage();
    }
}
