package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One map of the file as a {@link Schema} reads it: reports unknown keys once, then hands out typed values. A wrong
 * value is reported into the shared problem list and replaced by its default, so the walk can go on.
 */
final class YamlSection {
    private final String path;
    private final JsonNode node;
    private final List<ConfigRule.Violation> problems;

    YamlSection(String path, JsonNode node, List<String> keys, List<ConfigRule.Violation> problems) {
        this.path = path;
        this.problems = problems;
        if (node != null && !node.isNull() && !node.isObject()) {
            problem(problems, path, show(node) + " is not a map; expected keys: " + String.join(", ", keys));
            node = null;
        }
        // A section written with nothing under it (`data:`) is null in YAML: all of its defaults apply.
        this.node = node == null || node.isNull() ? null : node;
        if (this.node != null) {
            this.node.fieldNames().forEachRemaining(key -> {
                if (!keys.contains(key)) {
                    String hint = DidYouMean.hint(key, keys);
                    problem(problems, at(key), "unknown key"
                            + (hint.isEmpty() ? "; valid keys here: " + String.join(", ", keys) : hint));
                }
            });
        }
    }

    String at(String key) {
        return YamlLocations.join(path, key);
    }

    YamlSection section(String key, List<String> keys) {
        return new YamlSection(at(key), node == null ? null : node.get(key), keys, problems);
    }

    /** The node written at {@code key}, null if absent; unlike {@link #value} it reports nothing. */
    JsonNode written(String key) {
        return node == null ? null : node.get(key);
    }

    /** Reports a problem at a dotted path, usually {@code at(key)} or an element below it. */
    void report(String path, String message) {
        problem(problems, path, message);
    }

    /** How many problems the whole file has so far, to tell whether a read added one. */
    int problemCount() {
        return problems.size();
    }

    /** True if the file or an override wrote {@code key} here, even without a value. */
    boolean has(String key) {
        return node != null && node.has(key);
    }

    /** True if the file or an override wrote {@code key} here with no value ({@code key:} or {@code key: ~}). */
    boolean writtenEmpty(String key) {
        return node != null && node.has(key) && node.get(key).isNull();
    }

    /** The written value, or null if absent; a key written without a value is reported, not defaulted. */
    JsonNode value(String key, String fallbackShown) {
        JsonNode value = node == null ? null : node.get(key);
        if (value != null && value.isNull()) {
            problem(problems, at(key), "has no value; give one, or delete the key to use the default ("
                    + fallbackShown + ")");
            return null;
        }
        return value;
    }

    int integer(String key, int fallback, IntFunction<Optional<String>> check) {
        JsonNode value = value(key, Integer.toString(fallback));
        return value == null ? fallback : integer(problems, at(key), value, fallback, check);
    }

    long longInteger(String key, long fallback) {
        JsonNode value = value(key, Long.toString(fallback));
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(problems, at(key), show(value) + (value.isIntegralNumber() ? " does not fit in a 64-bit integer"
                    : " is not an integer"));
            return fallback;
        }
        return value.longValue();
    }

    double number(String key, double fallback, Bound bound) {
        JsonNode value = value(key, Bound.format(fallback));
        if (value == null) {
            return fallback;
        }
        Optional<String> problem = value.isNumber() ? bound.violation(value.doubleValue())
                : Optional.of(show(value) + " is not a number");
        problem.ifPresent(message -> problem(problems, at(key), message));
        return problem.isPresent() ? fallback : value.doubleValue();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = value(key, Boolean.toString(fallback));
        if (value != null && !value.isBoolean()) {
            problem(problems, at(key), show(value) + " is not a boolean (true or false)");
        }
        return value != null && value.isBoolean() ? value.booleanValue() : fallback;
    }

    String text(String key, String fallback, Function<String, Optional<String>> check) {
        JsonNode value = value(key, fallback);
        if (value == null) {
            return fallback;
        }
        Optional<String> problem = !value.isTextual()
                ? Optional.of(show(value) + " is not a string" + (value.isValueNode()
                ? " (quote it: \"" + value.asText() + "\")" : ""))
                : value.asText().isBlank() ? Optional.of("must not be empty") : check.apply(value.asText());
        problem.ifPresent(message -> problem(problems, at(key), message));
        return problem.isPresent() ? fallback : value.asText();
    }

    <T> T choice(String key, T fallback, Map<String, T> byName, String valid) {
        JsonNode value = value(key, String.valueOf(fallback).toLowerCase(Locale.ROOT));
        return value == null ? fallback : choice(problems, at(key), value, fallback, byName, valid);
    }

    /** An integer at any path below this section, list elements included ({@code model.generator.widths[1]}). */
    int integerAt(String path, JsonNode value, int fallback, IntFunction<Optional<String>> check) {
        return integer(problems, path, value, fallback, check);
    }

    /** A name from a fixed set at any path below this section ({@code model.generator.activation.type}). */
    <T> T choiceAt(String path, JsonNode value, T fallback, Map<String, T> byName, String valid) {
        return choice(problems, path, value, fallback, byName, valid);
    }

    /** An integer at any key, list elements included ({@code model.generator.widths[1]}). */
    private static int integer(List<ConfigRule.Violation> problems, String key, JsonNode value, int fallback,
                       IntFunction<Optional<String>> check) {
        Optional<String> problem = !value.isIntegralNumber() ? Optional.of(show(value) + " is not an integer")
                : !value.canConvertToInt() ? Optional.of(value.asText() + " does not fit in a 32-bit integer")
                : check.apply(value.intValue());
        problem.ifPresent(message -> problem(problems, key, message));
        return problem.isPresent() ? fallback : value.intValue();
    }

    /** A case-insensitive name from a fixed set; a near miss gets a suggestion. */
    private static <T> T choice(List<ConfigRule.Violation> problems, String key, JsonNode value, T fallback,
                        Map<String, T> byName, String valid) {
        T chosen = value.isTextual() ? byName.get(value.asText().toLowerCase(Locale.ROOT)) : null;
        if (chosen == null) {
            // Suggest the canonical spelling when names map to names ('gLoss', not the lookup key 'gloss').
            String hint = !value.isTextual() ? "" : DidYouMean.closest(value.asText(), byName.keySet())
                    .map(c -> byName.get(c) instanceof String canonical ? canonical : c)
                    .map(c -> " (did you mean '" + c + "'?)").orElse("");
            problem(problems, key, show(value) + " is not one of: " + valid + hint);
            return fallback;
        }
        return chosen;
    }

    /** A value as the user would recognise it in a message: strings quoted, containers by kind. */
    static String show(JsonNode value) {
        if (value.isTextual()) {
            return value.toString();
        }
        return value.isArray() ? "a list" : value.isObject() ? "a map" : value.asText();
    }

    private static void problem(List<ConfigRule.Violation> problems, String key, String message) {
        problems.add(new ConfigRule.Violation(key, message));
    }
}
