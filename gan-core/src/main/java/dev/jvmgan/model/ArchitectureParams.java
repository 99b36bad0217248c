package dev.jvmgan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An architecture's own parameters from YAML ({@code model.discriminator.params}), with typed reads whose errors
 * name the config key:
 * <pre>{@code
 * int blocks = context.params().integer("blocks", 2);
 * if (blocks < 1) throw context.params().problem("blocks", "must be at least 1");
 * }</pre>
 * Keys the architecture does not declare in {@code parameters()} are rejected before it is built.
 */
public final class ArchitectureParams {
    private final String key;
    private final Map<String, Object> values;

    ArchitectureParams(String key, Map<String, Object> values) {
        this.key = key;
        this.values = Map.copyOf(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The raw values, as YAML gave them (Integer, Long, Double, String, Boolean, List, Map). */
    public Map<String, Object> asMap() {
        return values;
    }

    public int integer(String name, int fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw problem(name, describe(v) + " is not an integer");
    }

    public double number(String name, double fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw problem(name, describe(v) + " is not a number");
    }

    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw problem(name, describe(v) + " is not true or false");
    }

    public String text(String name, String fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw problem(name, describe(v) + " is not text");
    }

    public List<Integer> integers(String name, List<Integer> fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> list && !list.isEmpty()) {
            List<Integer> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Integer i)) {
                    throw problem(name, describe(v) + " is not a list of integers, e.g. [64, 128]");
                }
                out.add(i);
            }
            return List.copyOf(out);
        }
        throw problem(name, describe(v) + " is not a non-empty list of integers, e.g. [64, 128]");
    }

    /** An exception for a bad value of {@code name}, at {@code model.<network>.params.<name>}. */
    public ArchitectureException problem(String name, String message) {
        return new ArchitectureException(key + "." + name, message);
    }

    private static String describe(Object v) {
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }
}
