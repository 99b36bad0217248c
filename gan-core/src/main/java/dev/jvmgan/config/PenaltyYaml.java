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
 * The YAML form of a {@link PenaltyConfig}: {@code none}, {@code r1}, or a map such as
 * {@code {type: r1, gamma: 0.1, every: 16}}; {@code r1} takes {@code gamma} and {@code every}, {@code wgan-gp} takes
 * {@code lambda} and {@code every}. Written as a map with the type's parameters ({@code {type: none}} for none).
 */
final class PenaltyYaml {
    private static final Map<String, PenaltyConfig.Type> BY_NAME = byName();
    private static final String VALID = Arrays.stream(PenaltyConfig.Type.values()).map(PenaltyConfig.Type::yamlName)
            .collect(Collectors.joining(", "));
    private static final List<String> MAP_KEYS = List.of("type", "gamma", "lambda", "every");

    private PenaltyYaml() {
    }

    static Key<PenaltyConfig> key(String name, PenaltyConfig defaultValue) {
        return Key.of(name, PenaltyConfig.class, defaultValue, PenaltyYaml::read, PenaltyYaml::write);
    }

    private static PenaltyConfig read(YamlSection s, String key, PenaltyConfig fallback) {
        return TypedYaml.read(s, key, fallback, fallback.type().yamlName(), BY_NAME, VALID, PenaltyConfig::defaults,
                MAP_KEYS, PenaltyConfig::type, PenaltyYaml::parameters);
    }

    private static PenaltyConfig parameters(YamlSection map, JsonNode node, PenaltyConfig.Type type,
                                            PenaltyConfig base) {
        for (String parameter : List.of("gamma", "lambda", "every")) {
            if (node.has(parameter) && !takes(type, parameter)) {
                map.report(map.at(parameter), notTaken(type, parameter));
            }
        }
        return switch (type) {
            case NONE -> base;
            case R1 -> PenaltyConfig.r1(map.number("gamma", base.gamma(), PenaltyConfig.WEIGHT), every(map, base));
            case WGAN_GP -> PenaltyConfig.wganGp(map.number("lambda", base.lambda(), PenaltyConfig.WEIGHT),
                    every(map, base));
        };
    }

    private static int every(YamlSection map, PenaltyConfig base) {
        return map.integer("every", base.every(), PenaltyConfig.EVERY::violation);
    }

    private static boolean takes(PenaltyConfig.Type type, String parameter) {
        return switch (type) {
            case NONE -> false;
            case R1 -> !parameter.equals("lambda");
            case WGAN_GP -> !parameter.equals("gamma");
        };
    }

    /** {@code r1 takes no parameter 'lambda' (wgan-gp takes it)}. */
    private static String notTaken(PenaltyConfig.Type type, String parameter) {
        String takers = Arrays.stream(PenaltyConfig.Type.values()).filter(t -> takes(t, parameter))
                .map(PenaltyConfig.Type::yamlName).collect(Collectors.joining(", "));
        return type.yamlName() + " takes no parameter '" + parameter + "' (" + takers
                + (takers.contains(",") ? " take it)" : " takes it)");
    }

    private static JsonNode write(PenaltyConfig penalty) {
        ObjectNode map = JsonNodeFactory.instance.objectNode().put("type", penalty.type().yamlName());
        switch (penalty.type()) {
            case NONE -> { }
            case R1 -> map.put("gamma", penalty.gamma()).put("every", penalty.every());
            case WGAN_GP -> map.put("lambda", penalty.lambda()).put("every", penalty.every());
        }
        return map;
    }

    private static Map<String, PenaltyConfig.Type> byName() {
        Map<String, PenaltyConfig.Type> names = new LinkedHashMap<>();
        for (PenaltyConfig.Type type : PenaltyConfig.Type.values()) {
            names.put(type.yamlName(), type);
        }
        return names;
    }
}
