package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The YAML form of an {@link ActivationConfig}: a name ({@code relu}) when the type's parameters are at their
 * defaults or it has none, or a map ({@code {type: leakyrelu, alpha: 0.1}}) whose keys are the record's components.
 * Which parameters a map may carry depends on its type, so this form is written by hand rather than by a
 * {@link Schema}.
 */
final class ActivationYaml {
    /** Names besides the lower-case constant names, listed in messages as {@code leakyrelu (or leaky_relu, lrelu)}. */
    private static final Map<String, ActivationType> ALIASES = aliases();
    private static final Map<String, ActivationType> BY_NAME = byName();
    private static final String VALID = valid();
    private static final List<String> MAP_KEYS = Schema.componentNames(ActivationConfig.class);

    private ActivationYaml() {
    }

    static Key<ActivationConfig> key(String name, ActivationConfig defaultValue) {
        return Key.of(name, ActivationConfig.class, defaultValue, ActivationYaml::read, ActivationYaml::write);
    }

    private static ActivationConfig read(YamlSection s, String key, ActivationConfig fallback) {
        JsonNode node = s.value(key, Key.lowerName(fallback.type()));
        String path = s.at(key);
        if (node == null) {
            return fallback;
        }
        if (node.isTextual()) {
            ActivationType type = s.choiceAt(path, node, null, BY_NAME, VALID);
            return type == null ? fallback : ActivationConfig.defaults(type);
        }
        if (!node.isObject()) {
            s.report(path, YamlSection.show(node) + " is not an activation; write a name (relu) or a map "
                    + "({type: leakyrelu, alpha: 0.2})");
            return fallback;
        }
        int before = s.problemCount();
        YamlSection map = s.section(key, MAP_KEYS);
        if (!node.hasNonNull("type")) {
            map.report(map.at("type"), "missing; an activation map needs a type, one of: " + VALID);
            return fallback;
        }
        ActivationType type = map.choiceAt(map.at("type"), node.get("type"), null, BY_NAME, VALID);
        if (type == null) {
            return fallback;
        }
        ActivationConfig base = ActivationConfig.defaults(type);
        double[] values = {base.alpha(), base.lower(), base.upper()};
        for (int i = 0; i < values.length; i++) {
            String parameter = ActivationConfig.PARAMETERS.get(i);
            Bound bound = ActivationConfig.parameters(type).get(parameter);
            if (node.has(parameter) && bound == null) {
                map.report(map.at(parameter), ActivationConfig.notTaken(type, parameter));
            } else if (bound != null) {
                values[i] = map.number(parameter, values[i], bound);
            }
        }
        if (s.problemCount() > before) {
            return fallback;
        }
        Optional<String> range = ActivationConfig.rangeProblem(type, values[1], values[2]);
        range.ifPresent(message -> map.report(map.at("lower"), message));
        return range.isPresent() ? fallback : new ActivationConfig(type, values[0], values[1], values[2]);
    }

    /** A name for a type without parameters; otherwise a map with the parameters the type takes. */
    private static JsonNode write(ActivationConfig activation) {
        String type = Key.lowerName(activation.type());
        if (ActivationConfig.parameters(activation.type()).isEmpty()) {
            return TextNode.valueOf(type);
        }
        ObjectNode map = JsonNodeFactory.instance.objectNode().put("type", type);
        double[] values = {activation.alpha(), activation.lower(), activation.upper()};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                map.put(ActivationConfig.PARAMETERS.get(i), values[i]);
            }
        }
        return map;
    }

    private static Map<String, ActivationType> aliases() {
        Map<String, ActivationType> aliases = new LinkedHashMap<>();
        aliases.put("leaky_relu", ActivationType.LEAKYRELU);
        aliases.put("lrelu", ActivationType.LEAKYRELU);
        aliases.put("swish", ActivationType.SILU);
        return aliases;
    }

    private static Map<String, ActivationType> byName() {
        Map<String, ActivationType> names = new LinkedHashMap<>();
        for (ActivationType type : ActivationType.values()) {
            names.put(Key.lowerName(type), type);
        }
        names.putAll(ALIASES);
        return names;
    }

    /** {@code relu, leakyrelu (or leaky_relu, lrelu), ..., silu (or swish)}. */
    private static String valid() {
        return Arrays.stream(ActivationType.values()).map(type -> {
            List<String> others = ALIASES.entrySet().stream().filter(e -> e.getValue() == type)
                    .map(Map.Entry::getKey).toList();
            return Key.lowerName(type) + (others.isEmpty() ? "" : " (or " + String.join(", ", others) + ")");
        }).collect(Collectors.joining(", "));
    }
}
