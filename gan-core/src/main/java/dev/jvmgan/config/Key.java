package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One key of a config record's YAML form: its name (the record component's), its default, how a written value is
 * read and checked, and how the resolved value is written back. Records declare their keys once, in a
 * {@link Schema}; keys whose YAML form is more than a plain scalar are made in {@link SpecialKeys} and
 * {@link ActivationYaml}.
 *
 * <pre>{@code
 * Key.integer("batchSize", 64, BATCH_SIZE)      // batchSize: 64, an int in BATCH_SIZE's range
 * Key.choice("crop", Crop.CENTER, Map.of("centre", Crop.CENTER))
 * Key.section("g", OptimizerConfig.SCHEMA)      // a nested map, every key at the optimiser's defaults
 * }</pre>
 *
 * @param name         the YAML key, which must be the record component's name
 * @param type         the value's class (boxed), checked against the component's type when the schema is built
 * @param defaultValue the value of an omitted key; null for a key only the caller can default (the run's name)
 * @param reader       reads the key from its section; a wrong value is reported and replaced by the fallback
 * @param writer       the resolved value as a YAML node, or null to leave the key out of the resolved file
 */
record Key<T>(String name, Class<?> type, Supplier<T> defaultValue, Reader<T> reader, Function<T, JsonNode> writer) {

    /** Reads {@code key} from {@code section}; returns {@code fallback} for an absent key or a reported problem. */
    @FunctionalInterface
    interface Reader<T> {
        T read(YamlSection section, String key, T fallback);
    }

    static <T> Key<T> of(String name, Class<?> type, T defaultValue, Reader<T> reader, Function<T, JsonNode> writer) {
        return new Key<>(name, type, () -> defaultValue, reader, writer);
    }

    /** A non-empty string that {@code check} accepts; no default: the caller must give one (the run's name). */
    static Key<String> text(String name, Function<String, Optional<String>> check) {
        return new Key<>(name, String.class, null, (s, key, fallback) -> s.text(key, fallback, check),
                TextNode::valueOf);
    }

    /** Any non-empty string. */
    static Key<String> text(String name, String defaultValue) {
        return of(name, String.class, defaultValue, (s, key, fallback) -> s.text(key, fallback, t -> Optional.empty()),
                TextNode::valueOf);
    }

    static Key<Integer> integer(String name, int defaultValue, Bound bound) {
        return integer(name, defaultValue, bound::violation);
    }

    /** An int that {@code check} accepts: empty, or what is wrong ({@code 2 must be 1 (grey) or 3 (RGB)}). */
    static Key<Integer> integer(String name, int defaultValue, IntFunction<Optional<String>> check) {
        return of(name, Integer.class, defaultValue, (s, key, fallback) -> s.integer(key, fallback, check),
                IntNode::valueOf);
    }

    /** Any 64-bit integer. */
    static Key<Long> longInteger(String name, long defaultValue) {
        return of(name, Long.class, defaultValue, YamlSection::longInteger, LongNode::valueOf);
    }

    static Key<Double> number(String name, double defaultValue, Bound bound) {
        return of(name, Double.class, defaultValue, (s, key, fallback) -> s.number(key, fallback, bound),
                DoubleNode::valueOf);
    }

    static Key<Boolean> bool(String name, boolean defaultValue) {
        return of(name, Boolean.class, defaultValue, YamlSection::bool, BooleanNode::valueOf);
    }

    /** A constant of an enum, spelt in any case; written in lower case. */
    static <E extends Enum<E>> Key<E> choice(String name, E defaultValue) {
        return choice(name, defaultValue, Map.of());
    }

    /**
     * A constant of an enum, spelt in any case or as one of {@code otherSpellings} ({@code centre}), which are
     * accepted but not listed in messages.
     */
    static <E extends Enum<E>> Key<E> choice(String name, E defaultValue, Map<String, E> otherSpellings) {
        Class<E> type = defaultValue.getDeclaringClass();
        Map<String, E> byName = new LinkedHashMap<>();
        EnumSet.allOf(type).forEach(e -> byName.put(lowerName(e), e));
        byName.putAll(otherSpellings);
        String valid = EnumSet.allOf(type).stream().map(Key::lowerName).collect(Collectors.joining(", "));
        return of(name, type, defaultValue, (s, key, fallback) -> s.choice(key, fallback, byName, valid),
                e -> TextNode.valueOf(lowerName(e)));
    }

    /** One of {@code names}, spelt in any case, stored as spelt there: {@code gloss} gives {@code gLoss}. */
    static Key<String> oneOf(String name, String defaultValue, List<String> names) {
        Map<String, String> byName = new LinkedHashMap<>();
        names.forEach(n -> byName.put(n.toLowerCase(Locale.ROOT), n));
        String valid = String.join(", ", names);
        return of(name, String.class, defaultValue, (s, key, fallback) -> s.choice(key, fallback, byName, valid),
                TextNode::valueOf);
    }

    /** A nested map read by another record's schema, every key at that schema's defaults. */
    static <R extends Record> Key<R> section(String name, Schema<R> schema) {
        return section(name, schema, schema::defaults);
    }

    /**
     * A nested map whose defaults differ from {@code schema}'s in the keys given, as the discriminator's widths and
     * activation differ from the generator's: {@code section("discriminator", NetworkConfig.SCHEMA,
     * Map.of("widths", List.of(64, 128)))}.
     */
    static <R extends Record> Key<R> section(String name, Schema<R> schema, Map<String, ?> differentDefaults) {
        schema.requireKeys(differentDefaults.keySet());
        return section(name, schema, () -> schema.defaults(differentDefaults));
    }

    private static <R extends Record> Key<R> section(String name, Schema<R> schema, Supplier<R> defaultValue) {
        return new Key<>(name, schema.type(), defaultValue,
                (s, key, fallback) -> schema.read(s.section(key, schema.keys()), fallback), schema::write);
    }

    /**
     * This key, with YAML's booleans ({@code off}, {@code no}, {@code false}) answered by {@code hint}: they are
     * what a user types to turn a cadence off, and "false is not an integer" alone would not say how.
     */
    Key<T> booleanHint(String hint) {
        Reader<T> plain = reader;
        return new Key<>(name, type, defaultValue, (s, key, fallback) -> {
            JsonNode value = s.written(key);
            if (value != null && value.isBoolean()) {
                s.report(s.at(key), value.asText() + " is not an integer: " + hint);
                return fallback;
            }
            return plain.read(s, key, fallback);
        }, writer);
    }

    /** How YAML spells an enum constant: {@code LEAKYRELU} is {@code leakyrelu}. */
    static String lowerName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
