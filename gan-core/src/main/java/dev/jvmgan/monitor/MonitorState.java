package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a checkpoint keeps of the monitors, {@code resume.json}'s {@code "monitors"} entry: the alert rules' memory
 * and the dead-unit window, all a resumed run needs to write the same records and fire the same alerts. Its size is
 * bounded by the layers (and window x units for the window), not by the iterations; the checks themselves are in
 * metrics.jsonl.
 * <pre>{@code
 * {"rules": {"dead-units": {"over": ["G act1"]}, "dead-rising": {"previous": {"G act1": {"fraction": 0.41,
 *            "iteration": 950}}}, "d-overpowering": {"streak": 0}, "g-gradient-vanishing": {"low": false}},
 *  "deadUnitWindow": {"G/act1": {"units": 6272, "checks": ["AAAQ...", ...]}}}
 * }</pre>
 * Each window mask is packed 8 units a byte (unit u is bit u % 8 of byte u / 8) and Base64-encoded: a JSON array of
 * booleans would take 5 to 6 bytes a unit, and G's first layer has thousands.
 *
 * <p>Checkpoints written before this format kept every check ({@code "history"}); they still resume: their window
 * is read as it was, and the rules' memory is rebuilt by running the rules over the saved checks.
 */
final class MonitorState {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MonitorState() {
    }

    static JsonNode save(AlertRules rules, DeadUnitTracker tracker) {
        ObjectNode state = NODES.objectNode();
        state.set("rules", rules.saveState());
        ObjectNode window = state.putObject("deadUnitWindow");
        tracker.masks().forEach((layer, masks) -> {
            ObjectNode entry = window.putObject(layer);
            entry.put("units", masks.isEmpty() ? 0 : masks.get(0).length);
            ArrayNode checks = entry.putArray("checks");
            masks.forEach(mask -> checks.add(pack(mask)));
        });
        return state;
    }

    /** @throws IllegalArgumentException if the state does not fit, saying what */
    static void restore(JsonNode state, AlertRules rules, DeadUnitTracker tracker) {
        if (state == null || !state.isObject() || !state.path("deadUnitWindow").isObject()) {
            throw new IllegalArgumentException("monitor state needs 'deadUnitWindow', got " + brief(state));
        }
        if (state.has("history")) {
            restoreLegacy(state, rules, tracker);
            return;
        }
        Map<String, List<boolean[]>> masks = new LinkedHashMap<>();
        state.get("deadUnitWindow").fields().forEachRemaining(e -> {
            JsonNode units = e.getValue().path("units");
            JsonNode checks = e.getValue().path("checks");
            if (!units.canConvertToInt() || units.asInt() < 0 || !checks.isArray()) {
                throw new IllegalArgumentException("deadUnitWindow." + e.getKey() + " needs 'units' and 'checks', got "
                        + brief(e.getValue()));
            }
            List<boolean[]> layer = new ArrayList<>();
            checks.forEach(check -> layer.add(unpack(check.asText(), units.asInt(), e.getKey())));
            masks.put(e.getKey(), layer);
        });
        rules.restoreState(state.path("rules"));
        tracker.restore(masks);
    }

    /** Unit u is bit u % 8 of byte u / 8. */
    static String pack(boolean[] mask) {
        byte[] bytes = new byte[(mask.length + 7) / 8];
        for (int u = 0; u < mask.length; u++) {
            if (mask[u]) {
                bytes[u / 8] |= (byte) (1 << (u % 8));
            }
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    static boolean[] unpack(String packed, int units, String layer) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(packed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deadUnitWindow." + layer + ": not Base64: " + e.getMessage());
        }
        if (bytes.length != (units + 7) / 8) {
            throw new IllegalArgumentException("deadUnitWindow." + layer + ": a mask of " + bytes.length
                    + " bytes cannot hold " + units + " units");
        }
        boolean[] mask = new boolean[units];
        for (int u = 0; u < units; u++) {
            mask[u] = (bytes[u / 8] & (1 << (u % 8))) != 0;
        }
        return mask;
    }

    /** The format that kept every check: masks as boolean arrays, and the rules replayed over the history. */
    private static void restoreLegacy(JsonNode state, AlertRules rules, DeadUnitTracker tracker) {
        Map<String, List<boolean[]>> masks = new LinkedHashMap<>();
        state.get("deadUnitWindow").fields().forEachRemaining(e -> {
            List<boolean[]> layer = new ArrayList<>();
            e.getValue().forEach(check -> {
                boolean[] mask = new boolean[check.size()];
                for (int u = 0; u < mask.length; u++) {
                    mask[u] = check.get(u).asBoolean();
                }
                layer.add(mask);
            });
            masks.put(e.getKey(), layer);
        });
        rules.reset();
        for (JsonNode check : state.get("history")) {
            rules.check(legacyCheck(check));
        }
        tracker.restore(masks);
    }

    /** What the rules read of a check saved by Jackson from the old {@code CheckSnapshot} (network as a letter). */
    private static CheckSnapshot legacyCheck(JsonNode s) {
        List<LayerUnits> units = new ArrayList<>();
        for (JsonNode u : s.path("units")) {
            units.add(new LayerUnits(NetworkLetter.parse(u.path("network").asText()), u.path("layer").asText(),
                    ActivationType.valueOf(u.path("type").asText().toUpperCase(Locale.ROOT)), u.path("units").asInt(),
                    u.path("neverPositive").asInt(), u.path("neverPositiveFraction").asDouble(), 0, 0, 0, null));
        }
        return new CheckSnapshot(s.path("iteration").asLong(), s.path("dReal").asDouble(), s.path("dFake").asDouble(),
                s.path("gSignal").asDouble(), Double.NaN, Double.NaN, Double.NaN, OptionalDouble.empty(), units,
                List.of());
    }

    private static String brief(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
