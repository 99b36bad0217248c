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
import java.util.Optional;

/**
 * Keys whose YAML form is more than one plain scalar: a colour, a list of widths, an architecture's free-form
 * parameters, and the alert policy (a map keyed by rule names). Each reads and writes like its plain siblings: a
 * wrong value is reported with its key and replaced by the fallback.
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
     * A map from every rule name to one of {@code actions}, in {@code rules} order; the rules are data, so their
     * names keep the dashes the monitors and logs use. A file may list some rules; the rest keep their fallback.
     */
    static Key<Map<String, String>> policy(String name, List<String> rules, List<String> actions,
                                           String defaultAction) {
        Map<String, String> byName = new LinkedHashMap<>();
        actions.forEach(a -> byName.put(a, a));
        String valid = String.join(", ", actions);
        Map<String, String> defaults = new LinkedHashMap<>();
        rules.forEach(rule -> defaults.put(rule, defaultAction));
        return Key.of(name, Map.class, defaults, (s, key, fallback) -> {
            YamlSection section = s.section(key, rules);
            Map<String, String> policy = new LinkedHashMap<>();
            for (String rule : rules) {
                policy.put(rule, section.choice(rule, fallback.get(rule), byName, valid));
            }
            return policy;
        }, policy -> {
            ObjectNode node = NODES.objectNode();
            policy.forEach(node::put);
            return node;
        });
    }
}
