package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The YAML form of a {@link LossConfig}: {@code hinge}, or {@code {type: ns, realLabel: 0.9}}. {@code realLabel} is
 * accepted for every type, but only the losses with labels take a value other than 1. Written as a map with
 * {@code realLabel} for those, as {@code {type: hinge}} for the others.
 */
final class LossYaml {
    private static final Map<String, LossConfig.Type> BY_NAME = byName();
    private static final String VALID = Arrays.stream(LossConfig.Type.values()).map(LossConfig.Type::yamlName)
            .collect(Collectors.joining(", "));
    private static final List<String> MAP_KEYS = List.of("type", "realLabel");

    private LossYaml() {
    }

    static Key<LossConfig> key(String name, LossConfig defaultValue) {
        return Key.of(name, LossConfig.class, defaultValue, LossYaml::read, LossYaml::write);
    }

    private static LossConfig read(YamlSection s, String key, LossConfig fallback) {
        return TypedYaml.read(s, key, fallback, fallback.type().yamlName(), BY_NAME, VALID, LossConfig::of, MAP_KEYS,
                LossConfig::type, LossYaml::parameters);
    }

    private static LossConfig parameters(YamlSection map, JsonNode node, LossConfig.Type type, LossConfig base) {
        int before = map.problemCount();
        double realLabel = map.number("realLabel", base.realLabel(), LossConfig.REAL_LABEL);
        if (map.problemCount() > before) {
            return base;
        }
        if (!type.hasLabels() && realLabel != 1) {
            map.report(map.at("realLabel"), LossConfig.noLabels(type));
            return base;
        }
        return new LossConfig(type, realLabel);
    }

    private static JsonNode write(LossConfig loss) {
        ObjectNode map = JsonNodeFactory.instance.objectNode().put("type", loss.type().yamlName());
        if (loss.type().hasLabels()) {
            map.put("realLabel", loss.realLabel());
        }
        return map;
    }

    private static Map<String, LossConfig.Type> byName() {
        Map<String, LossConfig.Type> names = new LinkedHashMap<>();
        for (LossConfig.Type type : LossConfig.Type.values()) {
            names.put(type.yamlName(), type);
        }
        return names;
    }
}
