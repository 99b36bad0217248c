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
    /** The one key whose value has a short form ({@code ActivationYaml} writes a parameterless type as its name). */
    private static final String ACTIVATION = "activation";

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
        } else if (node.isTextual() && prefix.endsWith("." + ACTIVATION)) {
            // A parameterless activation is written as its bare name (relu), the others as a map (type: leakyrelu,
            // alpha: 0.2): one key, activation.type, for both, so a change between them is a change of its type.
            flat.put(prefix + ".type", node.asText());
        } else if (node.isArray()) {
            // Lists are short (widths); one value reads better than widths[0], widths[1], ...
            flat.put(prefix, node.toString());
        } else {
            flat.put(prefix, node.asText());
        }
    }
}
