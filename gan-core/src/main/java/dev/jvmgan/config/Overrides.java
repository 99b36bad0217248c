package dev.jvmgan.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Applies {@code --set dotted.key=value} overrides to the parsed tree before it is mapped, so an override is
 * validated exactly like the same key written in the file (unknown keys, types, ranges, rules).
 */
final class Overrides {
    private static final String EXAMPLE = "e.g. train.batchSize=128 or model.generator.widths=[256,128]";

    private Overrides() {
    }

    /** Reports overrides that cannot be applied at all; everything else is left for the mapper to judge. */
    static void apply(ObjectNode root, List<String> overrides, ObjectMapper yaml, YamlLocations locations,
                      List<ConfigProblem> problems) {
        for (String override : overrides) {
            int eq = override.indexOf('=');
            String key = eq < 0 ? "" : override.substring(0, eq).strip();
            if (eq < 0 || key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                problems.add(problem("", "'" + override + "' is not key=value (" + EXAMPLE + ")"));
                continue;
            }
            if (override.substring(eq + 1).isBlank()) {
                problems.add(problem(key, "has no value after '='; to use the default, drop the --set"));
                continue;
            }
            JsonNode value;
            try {
                // A value is YAML so that numbers, booleans, [lists] and {maps} mean what they mean in the file.
                value = yaml.readTree(override.substring(eq + 1));
            } catch (JacksonException e) {
                problems.add(problem(key, "'" + override.substring(eq + 1) + "' is not a valid YAML value: "
                        + ConfigLoader.syntaxMessage(e)));
                continue;
            }
            set(root, key, value, locations, problems);
        }
    }

    private static void set(ObjectNode root, String key, JsonNode value, YamlLocations locations,
                            List<ConfigProblem> problems) {
        String[] segments = key.split("\\.");
        ObjectNode parent = root;
        String path = "";
        for (int i = 0; i < segments.length - 1; i++) {
            path = YamlLocations.join(path, segments[i]);
            JsonNode child = parent.get(segments[i]);
            if (child == null || child.isNull()) {
                child = parent.putObject(segments[i]);
                if (!locations.isWritten(path)) {
                    locations.markOverridden(path);
                }
            } else if (!child.isObject()) {
                problems.add(problem(key, path + " is " + YamlSection.show(child)
                        + ", not a map, so it has no key '" + segments[i + 1] + "'; set " + path + " itself"));
                return;
            }
            parent = (ObjectNode) child;
        }
        parent.set(segments[segments.length - 1], value);
        locations.markOverridden(key);
    }

    private static ConfigProblem problem(String key, String message) {
        return new ConfigProblem(ConfigProblem.OVERRIDE_SOURCE, 0, key, message);
    }
}
