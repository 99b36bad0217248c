package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value that differs between two resolved configs, by dotted key, as a resumed run must list them:
 * {@code train.d.lr: 2.0E-4 -> 1.0E-4}. Defaults count: both sides are compared with every key filled in.
 */
public final class ConfigDiff {
    private ConfigDiff() {
    }

    /** One changed value; {@code before} or {@code after} is {@code "(absent)"} for a key only one side has. */
    public record Change(String key, String before, String after) {
        @Override
        public String toString() {
            return key + ": " + before + " -> " + after;
        }

        /**
         * Whether this changes only how long the run trains ({@code train.iterations}) or how it is spread over
         * machines ({@code train.distributed.*}: a local checkpoint continues on Spark and back), which a resume
         * may do.
         */
        public boolean schedule() {
            return key.equals("train.iterations") || key.startsWith("train.distributed.");
        }
    }

    /** The changes from {@code before} to {@code after}, in the order the keys appear in a config file. */
    public static List<Change> between(RunConfig before, RunConfig after) {
        Map<String, String> a = flatten(RunConfig.SCHEMA.write(before));
        Map<String, String> b = flatten(RunConfig.SCHEMA.write(after));
        a = longForms(a, b);
        b = longForms(b, a);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            String was = a.getOrDefault(key, "(absent)");
            String is = b.getOrDefault(key, "(absent)");
            if (!was.equals(is)) {
                changes.add(new Change(key, was, is));
            }
        }
        return changes;
    }

    /**
     * {@code flat} with each value written in its short form ({@code activation: relu}) where {@code other} has the
     * long form ({@code activation: {type: leakyrelu, alpha: 0.2}}) renamed to the long form's {@code type} key, in
     * place: the pair then reads as one change of {@code activation.type} and the parameters the short form lacks,
     * not as three unrelated keys.
     */
    private static Map<String, String> longForms(Map<String, String> flat, Map<String, String> other) {
        Map<String, String> aligned = new LinkedHashMap<>();
        flat.forEach((key, value) -> aligned.put(
                !other.containsKey(key) && other.containsKey(key + ".type") ? key + ".type" : key, value));
        return aligned;
    }

    private static Map<String, String> flatten(JsonNode tree) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), flat);
            }
        } else if (node.isArray()) {
            // Lists are short (widths); one value reads better than widths[0], widths[1], ...
            flat.put(prefix, node.toString());
        } else {
            flat.put(prefix, node.asText());
        }
    }
}
