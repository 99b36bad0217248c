package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Keys whose YAML form is more than one plain scalar: a colour, a list of widths, a list of names, a number or
 * {@code auto}, an architecture's free-form parameters, and the alert policy (a map keyed by rule names). Each reads
 * and writes like its plain siblings: a wrong value is reported with its key and replaced by the fallback.
 */
final class SpecialKeys {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private SpecialKeys() {
    }

    /** {@code "#RRGGBB"} or a name; an unquoted {@code #FFFFFF} is a YAML comment, so the key arrives empty. */
    static Key<Integer> colour(String name, int defaultValue) {
        return Key.of(name, Integer.class, defaultValue, (s, key, fallback) -> {
            if (s.writtenEmpty(key)) {
                s.report(s.at(key), "has no value: an unquoted # starts a YAML comment; quote the colour, "
                        + key + ": \"#FFFFFF\", or write black, white or grey");
                return fallback;
            }
            String text = s.text(key, DataConfig.colour(fallback), t -> DataConfig.parseColour(t).isPresent()
                    ? Optional.empty()
                    : Optional.of("\"" + t + "\" is not a colour; write \"#RRGGBB\" (quoted) or black, white, grey"));
            return DataConfig.parseColour(text).orElse(fallback);
        }, rgb -> TextNode.valueOf(DataConfig.colour(rgb)));
    }

    /** A non-empty list of ints, each in {@code bound}; a bad element is reported at its index. */
    static Key<List<Integer>> widths(String name, List<Integer> defaultValue, Bound bound) {
        return Key.of(name, List.class, defaultValue, (s, key, fallback) -> {
            JsonNode node = s.value(key, fallback.toString());
            String path = s.at(key);
            if (node == null) {
                return fallback;
            }
            if (!node.isArray() || node.isEmpty()) {
                String what = node.isArray() ? "must not be empty" : YamlSection.show(node) + " is not a list";
                s.report(path, what + "; write one width per stage, e.g. [128, 64]");
                return fallback;
            }
            int before = s.problemCount();
            List<Integer> widths = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                widths.add(s.integerAt(path + "[" + i + "]", node.get(i), 0, bound::violation));
            }
            return s.problemCount() == before ? widths : fallback;
        }, widths -> {
            ArrayNode array = NODES.arrayNode();
            widths.forEach(array::add);
            return array;
        });
    }

    /**
     * A list of distinct names from {@code allowed}, spelt in any case, stored as spelt there, in the order written;
     * {@code []} for none. A bad element is reported at its index.
     */
    static Key<List<String>> names(String name, List<String> allowed) {
        Map<String, String> byName = new LinkedHashMap<>();
        allowed.forEach(n -> byName.put(n.toLowerCase(Locale.ROOT), n));
        String valid = String.join(", ", allowed);
        return Key.of(name, List.class, List.of(), (s, key, fallback) -> {
            JsonNode node = s.value(key, fallback.toString());
            String path = s.at(key);
            if (node == null) {
                return fallback;
            }
            if (!node.isArray()) {
                s.report(path, YamlSection.show(node) + " is not a list; write [] for none, or some of " + valid
                        + ", e.g. [" + valid + "]");
                return fallback;
            }
            int before = s.problemCount();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String chosen = s.choiceAt(path + "[" + i + "]", node.get(i), null, byName, valid);
                if (chosen != null && names.contains(chosen)) {
                    s.report(path + "[" + i + "]", chosen + " is already in the list; name each once");
                } else if (chosen != null) {
                    names.add(chosen);
                }
            }
            return s.problemCount() == before ? List.copyOf(names) : fallback;
        }, names -> {
            ArrayNode array = NODES.arrayNode();
            names.forEach(array::add);
            return array;
        });
    }

    /**
     * A finite number, or {@code auto} for a value the run derives (a threshold from the loss); an empty
     * {@code OptionalDouble} stands for {@code auto}.
     */
    static Key<OptionalDouble> numberOrAuto(String name) {
        return Key.of(name, OptionalDouble.class, OptionalDouble.empty(), (s, key, fallback) -> {
            JsonNode node = s.value(key, AUTO);
            if (node == null) {
                return fallback;
            }
            if (node.isTextual() && node.asText().equalsIgnoreCase(AUTO)) {
                return OptionalDouble.empty();
            }
            Optional<String> problem = node.isNumber() ? Bound.FINITE.violation(node.doubleValue())
                    : Optional.of(YamlSection.show(node) + " is not a number or " + AUTO);
            problem.ifPresent(message -> s.report(s.at(key), message));
            return problem.isPresent() ? fallback : OptionalDouble.of(node.doubleValue());
        }, value -> value.isPresent() ? NODES.numberNode(value.getAsDouble()) : TextNode.valueOf(AUTO));
    }

    /** The spelling of a value the run derives. */
    static final String AUTO = "auto";

    /**
     * Free-form: the architecture decides which keys it takes (checked by the registry's rule, with lines). Empty
     * by default, and then left out of the resolved file.
     */
    static Key<Map<String, Object>> freeForm(String name) {
        return Key.of(name, Map.class, Map.of(), (s, key, fallback) -> {
            JsonNode node = s.value(key, "{}");
            if (node == null) {
                return fallback;
            }
            if (!node.isObject()) {
                s.report(s.at(key), YamlSection.show(node) + " is not a map; write the architecture's parameters "
                        + "as key: value lines, e.g. " + key + ": {blocks: 2}");
                return fallback;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> params = PLAIN.convertValue(node, LinkedHashMap.class);
            return params;
        }, params -> params.isEmpty() ? null : PLAIN.valueToTree(params));
    }

    /**
     * A boolean that, left out, inherits another key's value ({@code model.generator.conditional} inherits {@code
     * model.conditional}): null stands for "inherit", and the resolved config leaves the key out, so a file without
     * it resolves the same before and after.
     */
    static Key<Boolean> inherited(String name, String inheritedKey) {
        return Key.of(name, Boolean.class, null, (s, key, fallback) -> {
            JsonNode node = s.written(key);
            if (node == null) {
                return fallback;
            }
            if (!node.isBoolean()) {
                s.report(s.at(key), YamlSection.show(node) + " is not a boolean: write true or false, or leave "
                        + key + " out to inherit " + inheritedKey);
                return fallback;
            }
            return node.booleanValue();
        }, value -> value == null ? null : com.fasterxml.jackson.databind.node.BooleanNode.valueOf(value));
    }

    /**
     * A map from every rule name to one of {@code actions}, in {@code rules} order; the rules are data, so their
     * names keep the dashes the monitors and logs use. A file may list some rules; the rest keep their fallback.
     */
    static Key<Map<String, String>> policy(String name, List<String> rules, List<String> actions,
                                           String defaultAction) {
        return policy(name, rules, rule -> actions, defaultAction);
    }

    /** As {@link #policy(String, List, List, String)}, with each rule's own actions. */
    static Key<Map<String, String>> policy(String name, List<String> rules,
                                           java.util.function.Function<String, List<String>> actionsOf,
                                           String defaultAction) {
        Map<String, String> defaults = new LinkedHashMap<>();
        rules.forEach(rule -> defaults.put(rule, defaultAction));
        return Key.of(name, Map.class, defaults, (s, key, fallback) -> {
            YamlSection section = s.section(key, rules);
            Map<String, String> policy = new LinkedHashMap<>();
            for (String rule : rules) {
                Map<String, String> byName = new LinkedHashMap<>();
                actionsOf.apply(rule).forEach(a -> byName.put(a, a));
                policy.put(rule, section.choice(rule, fallback.get(rule), byName,
                        String.join(", ", actionsOf.apply(rule))));
            }
            return policy;
        }, policy -> {
            ObjectNode node = NODES.objectNode();
            policy.forEach(node::put);
            return node;
        });
    }
}
