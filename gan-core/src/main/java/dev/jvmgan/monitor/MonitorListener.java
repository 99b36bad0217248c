package dev.jvmgan.monitor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.train.Inspection;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The health monitors as a training listener: every {@code monitors.every} iterations it inspects one iteration
 * and reports, per activation layer of D and G, never-positive (for ReLU: dead) and saturated units, per
 * parameter the gradient norm and update ratio, the signal G receives through D, and D's output saturation.
 * Each check becomes one {@code "type": "monitor"} record in metrics.jsonl; alerts become WARN lines and
 * {@code "type": "alert"} records, and an alert whose policy is {@code stop} ends the run (the last checkpoint on
 * disk is kept). Charts ({@code dead-units.png}, {@code gradient-norms.png}) are redrawn every
 * {@code monitors.chartEvery} iterations and at the end.
 */
public final class MonitorListener implements TrainingListener, Resumable {
    private static final Logger log = LoggerFactory.getLogger(MonitorListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Console lines come at most this often (iterations), however frequent the checks. */
    static final int CONSOLE_EVERY = 250;

    private final MonitorConfig config;
    private final Consumer<ObjectNode> records;
    private final DeadUnitTracker tracker;
    private final AlertRules rules;
    private final List<CheckSnapshot> history = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private long lastChart = -1;

    /** @param records where each check's JSON record goes (metrics.jsonl in a run) */
    public MonitorListener(MonitorConfig config, Consumer<ObjectNode> records) {
        this.config = config;
        this.records = records;
        this.tracker = new DeadUnitTracker(config.window());
        AlertConfig a = config.alerts();
        Map<String, AlertPolicy> policies = new LinkedHashMap<>();
        a.policy().forEach((rule, policy) -> policies.put(rule, AlertPolicy.valueOf(policy.toUpperCase())));
        this.rules = new AlertRules(new AlertRules.Thresholds(a.deadFraction(), a.deadRise(), a.dRealAbove(),
                a.dFakeBelow(), a.overpowerChecks(), a.gSignalBelow()), policies);
    }

    @Override
    public boolean wantsInspection(long iteration) {
        return config.every() > 0 && iteration % config.every() == 0;
    }

    @Override
    public void inspected(TrainingSession session, IterationStats stats, Inspection inspection) {
        List<LayerUnits> units = new ArrayList<>();
        units.addAll(layerUnits("D", session, List.of(inspection.dInputsOnReal(), inspection.dInputsOnFake())));
        units.addAll(layerUnits("G", session, List.of(inspection.gInputs())));
        List<ParamGradient> gradients = new ArrayList<>();
        gradients.addAll(gradients("D", inspection.dGradients(), inspection.dParamsBefore(), inspection.dParamsAfter()));
        gradients.addAll(gradients("G", inspection.gGradients(), inspection.gParamsBefore(), inspection.gParamsAfter()));
        double gSignal = GradientStats.meanPerSampleNorm(inspection.dLossDFake());
        CheckSnapshot snapshot = new CheckSnapshot(stats.iteration(), stats.dReal(), stats.dFake(), gSignal, units,
                gradients);
        history.add(snapshot);

        List<Alert> raised = rules.check(snapshot);
        ObjectNode record = record(snapshot, inspection, session, raised);
        records.accept(record);
        for (Alert alert : raised) {
            log.warn("alert {} ({}): {}", alert.rule(), alert.policy().name().toLowerCase(), alert.message());
            ObjectNode a = JSON.createObjectNode();
            a.put("type", "alert").put("iteration", alert.iteration()).put("rule", alert.rule())
                    .put("policy", alert.policy().name().toLowerCase()).put("message", alert.message());
            records.accept(a);
        }
        alerts.addAll(raised);
        if (stats.iteration() % consoleEvery() == 0) {
            log.info(consoleLine(snapshot));
        }
        if (lastChart < 0 || stats.iteration() - lastChart >= config.chartEvery()) {
            drawCharts(session, stats.iteration());
        }
        for (Alert alert : raised) {
            if (alert.policy() == AlertPolicy.STOP) {
                throw new MonitorStopException("stopped by monitors.alerts.policy." + alert.rule() + " = stop: "
                        + alert.message());
            }
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (!history.isEmpty() && history.get(history.size() - 1).iteration() != lastChart) {
            drawCharts(session, history.get(history.size() - 1).iteration());
        }
    }

    @Override
    public String stateName() {
        return "monitors";
    }

    /** Every check so far, the alerts, the dead-unit window and the last chart: a resumed run goes on with them. */
    @Override
    public JsonNode saveState() {
        ObjectNode state = JSON.createObjectNode();
        state.set("history", JSON.valueToTree(history));
        state.set("alerts", JSON.valueToTree(alerts));
        state.set("deadUnitWindow", JSON.valueToTree(tracker.masks()));
        state.put("lastChart", lastChart);
        return state;
    }

    @Override
    public void restoreState(JsonNode state) {
        try {
            List<CheckSnapshot> savedHistory = JSON.convertValue(state.get("history"), new TypeReference<>() { });
            List<Alert> savedAlerts = JSON.convertValue(state.get("alerts"), new TypeReference<>() { });
            Map<String, List<boolean[]>> masks = JSON.convertValue(state.get("deadUnitWindow"),
                    new TypeReference<>() { });
            history.clear();
            history.addAll(savedHistory);
            alerts.clear();
            alerts.addAll(savedAlerts);
            tracker.restore(masks);
            lastChart = state.get("lastChart").asLong();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("monitor state does not fit this toolkit's monitors: " + e.getMessage(),
                    e);
        }
        // The rules' state (which layers are over a threshold, streaks) is a function of the checks seen so far.
        history.forEach(rules::check);
    }

    /** Every check so far, oldest first. */
    public List<CheckSnapshot> history() {
        return List.copyOf(history);
    }

    /** Every alert raised so far. */
    public List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    private int consoleEvery() {
        int every = config.every();
        return every * Math.max(1, (CONSOLE_EVERY + every - 1) / every);
    }

    private List<LayerUnits> layerUnits(String network, TrainingSession session, List<Map<String, INDArray>> batches) {
        var net = "D".equals(network) ? session.discriminator() : session.generator();
        List<LayerUnits> out = new ArrayList<>();
        for (LayerKinds.Kind kind : LayerKinds.of(net.model())) {
            if (kind.type() == null) {
                continue;
            }
            List<double[]> nonPositive = new ArrayList<>();
            List<double[]> saturated = new ArrayList<>();
            for (Map<String, INDArray> batch : batches) {
                INDArray pre = batch.get(kind.layer());
                if (pre != null) {
                    nonPositive.add(UnitStats.nonPositiveFraction(pre));
                    saturated.add(UnitStats.saturatedFraction(pre, kind.type()));
                }
            }
            if (nonPositive.isEmpty()) {
                continue;
            }
            INDArray slopes = kind.type() == ActivationType.PRELU ? net.parameterTable().get(kind.layer() + "/W") : null;
            out.add(tracker.record(network, kind.layer(), kind.type(), nonPositive, saturated, slopes));
        }
        return out;
    }

    private List<ParamGradient> gradients(String network, Map<String, INDArray> gradients,
                                          Map<String, INDArray> before, Map<String, INDArray> after) {
        List<ParamGradient> out = new ArrayList<>();
        gradients.forEach((key, gradient) -> {
            int slash = key.lastIndexOf('/');
            String param = key.substring(slash + 1);
            // Batch norm's running mean and variance travel as "gradients" but are moving averages, not learned.
            if (param.equals("mean") || param.equals("var") || param.equals("log10stdev")) {
                return;
            }
            out.add(GradientStats.of(network, key.substring(0, slash), param, gradient, before.get(key), after.get(key),
                    config.vanishingBelow(), config.explodingAbove()));
        });
        return out;
    }

    private ObjectNode record(CheckSnapshot s, Inspection inspection, TrainingSession session, List<Alert> raised) {
        ObjectNode r = JSON.createObjectNode();
        r.put("type", "monitor").put("iteration", s.iteration()).put("dReal", s.dReal()).put("dFake", s.dFake());
        r.put("gSignal", s.gSignal());
        r.put("dRealInputGradient", GradientStats.meanPerSampleNorm(inspection.dLossDReal()));
        r.put("dOutputSaturatedReal", GradientStats.saturatedSigmoidFraction(inspection.realLogits()));
        r.put("dOutputSaturatedFake", GradientStats.saturatedSigmoidFraction(inspection.fakeLogits()));
        LayerKinds.of(session.generator().model()).stream().filter(LayerKinds.Kind::tanhOutput).findFirst()
                .map(k -> inspection.gInputs().get(k.layer()))
                .ifPresent(pre -> r.put("gOutputTanhSaturated", UnitStats.tanhSaturatedFraction(pre)));
        ArrayNode layers = r.putArray("layers");
        for (LayerUnits u : s.units()) {
            ObjectNode l = layers.addObject();
            l.put("network", u.network()).put("layer", u.layer()).put("activation", u.type().name().toLowerCase())
                    .put("label", u.label()).put("units", u.units()).put("neverPositive", u.neverPositive())
                    .put("neverPositiveFraction", u.neverPositiveFraction()).put("deadForWindow", u.deadForWindow())
                    .put("meanNonPositive", u.meanNonPositive()).put("saturatedFraction", u.saturatedFraction());
            if (u.preluSlopes().length == 3) {
                l.putObject("preluSlopes").put("min", u.preluSlopes()[0]).put("mean", u.preluSlopes()[1])
                        .put("max", u.preluSlopes()[2]);
            }
        }
        ArrayNode grads = r.putArray("gradients");
        for (ParamGradient g : s.gradients()) {
            grads.addObject().put("network", g.network()).put("layer", g.layer()).put("param", g.param())
                    .put("norm", g.gradientNorm()).put("paramNorm", g.parameterNorm())
                    .put("updateRatio", g.updateRatio()).put("vanishing", g.vanishing()).put("exploding", g.exploding());
        }
        ArrayNode a = r.putArray("alerts");
        raised.forEach(alert -> a.add(alert.rule()));
        return r;
    }

    /** E.g. {@code D dead: act1 0.0% act2 12.5% | G dead: act1 3.1% | G signal 3.1e-3 | D(x) 0.81 D(G(z)) 0.22}. */
    static String consoleLine(CheckSnapshot s) {
        StringBuilder line = new StringBuilder("it ").append(s.iteration());
        for (String network : List.of("D", "G")) {
            List<LayerUnits> layers = s.units().stream().filter(u -> u.network().equals(network)).toList();
            if (layers.isEmpty()) {
                continue;
            }
            boolean relu = layers.stream().allMatch(u -> u.type() == ActivationType.RELU);
            line.append(" | ").append(network).append(relu ? " dead:" : " never+:");
            for (LayerUnits u : layers) {
                line.append(' ').append(u.layer()).append(String.format(" %.1f%%", 100 * u.neverPositiveFraction()));
            }
        }
        line.append(String.format(" | G signal %.1e | D(x) %.2f D(G(z)) %.2f", s.gSignal(), s.dReal(), s.dFake()));
        return line.toString();
    }

    private void drawCharts(TrainingSession session, long iteration) {
        try {
            MonitorCharts.write(session.runDirectory(), session.config().name(), history);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write monitor charts in " + session.runDirectory(), e);
        }
        lastChart = iteration;
    }
}
