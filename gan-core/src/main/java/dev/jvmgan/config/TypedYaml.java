package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The YAML form shared by keys whose parameters depend on a {@code type}, as {@code train.loss} and
 * {@code train.penalty}: a name ({@code hinge}) for the type with its default parameters, or a map
 * ({@code {type: r1, gamma: 0.1}}) whose other keys the type must take. A map without {@code type} keeps the type
 * it would otherwise have ({@code --set train.loss.realLabel=0.9} smooths whatever loss the file chose). Resolved
 * configs write the map, so {@code --set train.loss.type=hinge} works on any written-out config.
 */
final class TypedYaml {
    private TypedYaml() {
    }

    /** Reads a type's parameters from its map; reports a parameter the type does not take, or a bad value. */
    @FunctionalInterface
    interface Parameters<E, T> {
        T read(YamlSection map, JsonNode node, E type, T fallback);
    }

    /**
     * @param byName    every spelling of every type, lower case
     * @param valid     the types as a message lists them
     * @param defaults  a type with its default parameters
     * @param mapKeys   every key any type's map may hold ({@code type} first), for unknown-key messages
     * @param typeOf    the type of a value (the fallback's, for a map without {@code type})
     */
    static <E, T> T read(YamlSection s, String key, T fallback, String fallbackShown, Map<String, E> byName,
                         String valid, Function<E, T> defaults, List<String> mapKeys, Function<T, E> typeOf,
                         Parameters<E, T> parameters) {
        JsonNode node = s.value(key, fallbackShown);
        String path = s.at(key);
        if (node == null) {
            return fallback;
        }
        if (node.isTextual()) {
            E type = s.choiceAt(path, node, null, byName, valid);
            return type == null ? fallback : defaults.apply(type);
        }
        if (!node.isObject()) {
            s.report(path, YamlSection.show(node) + " is not a name or a map; write a type (" + valid
                    + ") or a map with its type and parameters, e.g. {type: ...}");
            return fallback;
        }
        int before = s.problemCount();
        YamlSection map = s.section(key, mapKeys);
        E type = node.has("type") ? map.choiceAt(map.at("type"), node.get("type"), null, byName, valid)
                : typeOf.apply(fallback);
        if (type == null) {
            return fallback;
        }
        // The type's own defaults, or the fallback's parameters when the map keeps the fallback's type.
        T base = node.has("type") && type != typeOf.apply(fallback) ? defaults.apply(type) : fallback;
        T value = parameters.read(map, node, type, base);
        return s.problemCount() > before ? fallback : value;
    }
}
