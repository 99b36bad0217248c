package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The YAML form of one config record, declared once next to it: one {@link Key} per record component, in component
 * order, each with its default. Everything else is read from here: the keys a section accepts and the did-you-mean
 * vocabulary for the ones it does not, the defaults ({@link Defaults}), reading a section into the record, and the
 * order of the keys in the resolved config written into run directories.
 *
 * <pre>{@code
 * static final Schema<TrainConfig> SCHEMA = Schema.of(TrainConfig.class,
 *         Key.integer("iterations", 3000, ITERATIONS),
 *         ...
 *         Key.section("d", OptimizerConfig.SCHEMA));
 * }</pre>
 *
 * Building a schema whose keys do not match the record's components, by name, order or type, fails when the
 * record's class is initialised, so a component added without its key is found by the first test that loads a
 * config.
 */
final class Schema<R extends Record> {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A constraint between keys of one section, such as {@code vanishingBelow < explodingAbove}. It is checked once
     * its last key is read and only if each of its keys is valid on its own; when it fails, its keys fall back to
     * their defaults, so the record can still be built and the walk go on.
     */
    @FunctionalInterface
    interface Rule {
        /**
         * @param values  the values read, by key
         * @param written whether the file or an override wrote a key, so the message can blame the one the user set
         * @return the key to blame (relative to the section) and the message, or empty
         */
        Optional<ConfigRule.Violation> check(Map<String, Object> values, Predicate<String> written);
    }

    private record BoundRule(List<String> keys, Rule rule) {
    }

    private final Class<R> type;
    private final List<Key<?>> keys;
    private final List<String> names;
    private final List<Method> accessors;
    private final Constructor<R> constructor;
    private final List<BoundRule> rules;
    private volatile R defaults;

    private Schema(Class<R> type, List<Key<?>> keys, List<BoundRule> rules) {
        this.type = type;
        this.keys = List.copyOf(keys);
        this.names = this.keys.stream().map(Key::name).toList();
        this.rules = List.copyOf(rules);
        RecordComponent[] components = type.getRecordComponents();
        List<String> componentNames = Arrays.stream(components).map(RecordComponent::getName).toList();
        if (!componentNames.equals(names)) {
            throw new IllegalStateException(type.getSimpleName() + "'s schema has the keys " + names + " but the "
                    + "record has the components " + componentNames + ": declare one key per component, in order");
        }
        for (int i = 0; i < components.length; i++) {
            Class<?> component = boxed(components[i].getType());
            if (!component.isAssignableFrom(this.keys.get(i).type())) {
                throw new IllegalStateException(type.getSimpleName() + "." + names.get(i) + " is "
                        + component.getSimpleName() + ", but its key reads " + this.keys.get(i).type().getSimpleName());
            }
        }
        this.accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toList();
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has a canonical constructor", e);
        }
    }

    /** The schema of {@code type}: exactly one key per record component, in the components' order. */
    static <R extends Record> Schema<R> of(Class<R> type, Key<?>... keys) {
        return new Schema<>(type, List.of(keys), List.of());
    }

    /** This schema with a rule between {@code ruleKeys}, checked once the last of them is read. */
    Schema<R> rule(List<String> ruleKeys, Rule rule) {
        requireKeys(Set.copyOf(ruleKeys));
        List<BoundRule> more = new ArrayList<>(rules);
        more.add(new BoundRule(List.copyOf(ruleKeys), rule));
        return new Schema<>(type, keys, more);
    }

    Class<R> type() {
        return type;
    }

    /** The YAML keys, in the order the resolved config writes them. */
    List<String> keys() {
        return names;
    }

    /** Every key at its default; built once, since records are immutable. */
    R defaults() {
        R built = defaults;
        if (built == null) {
            built = defaults(Map.of());
            defaults = built;
        }
        return built;
    }

    /** Every key at its default except the ones given ({@code name} for a run, which has no default). */
    R defaults(Map<String, ?> different) {
        requireKeys(different.keySet());
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
            Key<?> key = keys.get(i);
            if (different.containsKey(key.name())) {
                values[i] = different.get(key.name());
            } else if (key.defaultValue() != null) {
                values[i] = key.defaultValue().get();
            } else {
                throw new IllegalStateException(type.getSimpleName() + "." + key.name() + " has no default; give one");
            }
        }
        return construct(values);
    }

    /** Throws unless every one of {@code keys} is a key of this schema. */
    void requireKeys(Set<String> keys) {
        Set<String> unknown = new TreeSet<>(keys);
        names.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no keys " + unknown + "; keys: " + names);
        }
    }

    /** Reads the whole file, reporting every problem into {@code problems}; the result is meaningless if any. */
    R readRoot(JsonNode root, R fallback, List<ConfigRule.Violation> problems) {
        return read(new YamlSection("", root, names, problems), fallback);
    }

    /** Reads a section key by key in schema order; a key absent or wrong takes its value from {@code fallback}. */
    R read(YamlSection section, R fallback) {
        Object[] values = new Object[keys.size()];
        boolean[] valid = new boolean[keys.size()];
        Map<String, Object> byName = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            int before = section.problemCount();
            values[i] = read(keys.get(i), section, value(fallback, i));
            valid[i] = section.problemCount() == before;
            byName.put(names.get(i), values[i]);
            for (BoundRule bound : rules) {
                if (lastIndex(bound) == i) {
                    check(bound, section, values, valid, byName, fallback);
                }
            }
        }
        return construct(values);
    }

    /** Every key, in schema order; a key whose writer returns null is left out. */
    ObjectNode write(R record) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode value = write(keys.get(i), value(record, i));
            if (value != null) {
                node.set(names.get(i), value);
            }
        }
        return node;
    }

    /** The component names of a record that has no schema of its own (an activation's map keys). */
    static List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private void check(BoundRule bound, YamlSection section, Object[] values, boolean[] valid,
                       Map<String, Object> byName, R fallback) {
        boolean allValid = bound.keys().stream().allMatch(k -> valid[names.indexOf(k)]);
        Optional<ConfigRule.Violation> violation = allValid
                ? bound.rule().check(byName, section::has)
                : Optional.empty();
        violation.ifPresent(v -> section.report(section.at(v.key()), v.message()));
        if (!allValid || violation.isPresent()) {
            // Values valid alone may contradict each other, and the record would refuse them.
            for (String k : bound.keys()) {
                int i = names.indexOf(k);
                values[i] = value(fallback, i);
                byName.put(k, values[i]);
            }
        }
    }

    private int lastIndex(BoundRule bound) {
        return bound.keys().stream().mapToInt(names::indexOf).max().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(Key<T> key, YamlSection section, Object fallback) {
        return key.reader().read(section, key.name(), (T) fallback);
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonNode write(Key<T> key, Object value) {
        return key.writer().apply((T) value);
    }

    private Object value(R record, int component) {
        try {
            return accessors.get(component).invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + names.get(component), e);
        }
    }

    private R construct(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            // The compact constructor's own message (batchSize: 0 must be ...) is the one to show.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Class<?> boxed(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }
}
