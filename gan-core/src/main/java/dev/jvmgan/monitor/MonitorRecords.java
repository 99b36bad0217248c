package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.train.TrainingSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The monitors' lines of metrics.jsonl: one {@code "type": "monitor"} record per check and one {@code "type":
 * "alert"} record per alert, written through a consumer (the run's metrics file), and read back for the charts of a
 * resumed run. The format is the README's and must stay readable in existing run directories:
 * <pre>{@code
 * {"type":"monitor","iteration":50,"dReal":0.61,"dFake":0.35,"gSignal":0.025,"dRealInputGradient":0.8,
 *  "dOutputSaturatedReal":0.0,"dOutputSaturatedFake":0.0,"gOutputTanhSaturated":0.01,
 *  "layers":[{"network":"D","layer":"act1","activation":"leakyrelu","label":"never positive","units":64,
 *             "neverPositive":0,"neverPositiveFraction":0.0,"deadForWindow":0,"meanNonPositive":0.49,
 *             "saturatedFraction":0.0}],
 *  "gradients":[{"network":"D","layer":"conv1","param":"W","norm":0.3,"paramNorm":2.1,"updateRatio":0.001,
 *                "vanishing":false,"exploding":false}],
 *  "alerts":[]}
 * {"type":"alert","iteration":50,"rule":"dead-units","policy":"warn","message":"D act2: 41.4% of units ..."}
 * }</pre>
 * {@code gOutputTanhSaturated} is absent when G has no tanh output, {@code preluSlopes} ({@code min}, {@code mean},
 * {@code max}) present only on PReLU layers.
 */
public final class MonitorRecords implements CheckListener {
    public static final String MONITOR = "monitor";
    public static final String ALERT = "alert";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Consumer<ObjectNode> out;

    /** @param out where the records go (the run's metrics.jsonl) */
    public MonitorRecords(Consumer<ObjectNode> out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void checked(TrainingSession session, CheckSnapshot check, List<Alert> raised) {
        out.accept(toJson(check, raised));
        raised.forEach(alert -> out.accept(toJson(alert)));
    }

    /** A check's {@code monitor} record, naming the rules it raised. */
    public static ObjectNode toJson(CheckSnapshot s, List<Alert> raised) {
        ObjectNode r = NODES.objectNode();
        r.put("type", MONITOR).put("iteration", s.iteration()).put("dReal", s.dReal()).put("dFake", s.dFake());
        r.put("gSignal", s.gSignal()).put("dRealInputGradient", s.dRealInputGradient());
        r.put("dOutputSaturatedReal", s.dOutputSaturatedReal()).put("dOutputSaturatedFake", s.dOutputSaturatedFake());
        s.gOutputTanhSaturated().ifPresent(f -> r.put("gOutputTanhSaturated", f));
        ArrayNode layers = r.putArray("layers");
        for (LayerUnits u : s.units()) {
            ObjectNode l = layers.addObject();
            l.put("network", NetworkLetter.of(u.network())).put("layer", u.layer())
                    .put("activation", u.type().name().toLowerCase(Locale.ROOT)).put("label", u.label())
                    .put("units", u.units()).put("neverPositive", u.neverPositive())
                    .put("neverPositiveFraction", u.neverPositiveFraction()).put("deadForWindow", u.deadForWindow())
                    .put("meanNonPositive", u.meanNonPositive()).put("saturatedFraction", u.saturatedFraction());
            double[] slopes = u.preluSlopes();
            if (slopes.length == 3) {
                l.putObject("preluSlopes").put("min", slopes[0]).put("mean", slopes[1]).put("max", slopes[2]);
            }
        }
        ArrayNode grads = r.putArray("gradients");
        for (ParamGradient g : s.gradients()) {
            grads.addObject().put("network", NetworkLetter.of(g.network())).put("layer", g.layer())
                    .put("param", g.param()).put("norm", g.gradientNorm()).put("paramNorm", g.parameterNorm())
                    .put("updateRatio", g.updateRatio()).put("vanishing", g.vanishing())
                    .put("exploding", g.exploding());
        }
        ArrayNode alerts = r.putArray("alerts");
        raised.forEach(alert -> alerts.add(alert.rule()));
        return r;
    }

    /** An {@code alert} record. */
    public static ObjectNode toJson(Alert alert) {
        return NODES.objectNode().put("type", ALERT).put("iteration", alert.iteration()).put("rule", alert.rule())
                .put("policy", alert.policy().name().toLowerCase(Locale.ROOT)).put("message", alert.message());
    }

    /**
     * The check a {@code monitor} record holds (its {@code alerts} and each layer's {@code label} are derived, so
     * not read).
     *
     * @throws IllegalArgumentException if a field is missing or does not fit, naming it
     */
    public static CheckSnapshot fromJson(JsonNode r) {
        if (!MONITOR.equals(r.path("type").asText())) {
            throw new IllegalArgumentException("not a monitor record: " + r.path("type"));
        }
        List<LayerUnits> units = new ArrayList<>();
        for (JsonNode l : array(r, "layers")) {
            JsonNode slopes = l.get("preluSlopes");
            units.add(new LayerUnits(NetworkLetter.parse(text(l, "network")), text(l, "layer"),
                    activation(text(l, "activation")), integer(l, "units"), integer(l, "neverPositive"),
                    number(l, "neverPositiveFraction"), integer(l, "deadForWindow"), number(l, "meanNonPositive"),
                    number(l, "saturatedFraction"), slopes == null ? null
                    : new double[] {number(slopes, "min"), number(slopes, "mean"), number(slopes, "max")}));
        }
        List<ParamGradient> gradients = new ArrayList<>();
        for (JsonNode g : array(r, "gradients")) {
            gradients.add(new ParamGradient(NetworkLetter.parse(text(g, "network")), text(g, "layer"),
                    text(g, "param"), number(g, "norm"), number(g, "paramNorm"), number(g, "updateRatio"),
                    bool(g, "vanishing"), bool(g, "exploding")));
        }
        OptionalDouble tanh = r.has("gOutputTanhSaturated") ? OptionalDouble.of(number(r, "gOutputTanhSaturated"))
                : OptionalDouble.empty();
        return new CheckSnapshot(integral(r, "iteration"), number(r, "dReal"), number(r, "dFake"),
                number(r, "gSignal"), number(r, "dRealInputGradient"), number(r, "dOutputSaturatedReal"),
                number(r, "dOutputSaturatedFake"), tanh, units, gradients);
    }

    /**
     * Every {@code monitor} record of a metrics.jsonl file, oldest first; other records are skipped.
     *
     * @throws IllegalArgumentException naming the file and line of a record that does not parse
     */
    public static List<CheckSnapshot> read(Path metricsJsonl) throws IOException {
        List<CheckSnapshot> checks = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(metricsJsonl, StandardCharsets.UTF_8)) {
            line++;
            if (!text.contains("\"" + MONITOR + "\"")) {
                continue;
            }
            try {
                JsonNode record = JSON.readTree(text);
                if (MONITOR.equals(record.path("type").asText())) {
                    checks.add(fromJson(record));
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(metricsJsonl + ":" + line + ": not a monitor record this version "
                        + "reads: " + e.getMessage(), e);
            }
        }
        return checks;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + name + "'");
        }
        return value;
    }

    private static Iterable<JsonNode> array(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isArray()) {
            throw new IllegalArgumentException("'" + name + "' must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        return field(node, name).asText();
    }

    private static double number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        // Jackson writes NaN and the infinities as strings.
        return switch (value.asText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("'" + name + "' must be a number, got " + value);
        };
    }

    private static long integral(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + name + "' must be an integer, got " + value);
        }
        return value.asLong();
    }

    private static int integer(JsonNode node, String name) {
        long value = integral(node, name);
        if (value != (int) value) {
            throw new IllegalArgumentException("'" + name + "' is out of range: " + value);
        }
        return (int) value;
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("'" + name + "' must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    private static ActivationType activation(String name) {
        try {
            return ActivationType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "'");
        }
    }
}
