package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules' memory through a checkpoint: stopping after any check, saving the state as bytes (as resume.json does),
 * restoring it into new rules and going on must raise exactly the alerts of the uninterrupted sequence.
 */
class AlertRulesResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertRules.Thresholds THRESHOLDS = AlertRules.Thresholds.defaults();

    /**
     * Each rule's memory matters somewhere in it: layers go over 30% dead, stay, come back and go over again; jumps
     * of more than 10 points; streaks of overpowered checks (o) that reach 3, run on and break; G's signal drops,
     * stays low, recovers and drops again; a NaN fraction and a NaN signal, which must survive the JSON (G's rise
     * from NaN to 15% fires only if the NaN came back as 0).
     */
    static List<CheckSnapshot> script() {
        double nan = Double.NaN;
        double[] gDead = {10, 40, 45, 20, 41, 42, 43, 44, nan, 15, 50, 52};
        double[] dDead = {5, 5, 20, 35, 36, 20, 40, 41, 10, 10, 50, 50};
        String overpowered = "ooo.o.oooo.o";
        double[] gSignal = {1e-2, 5e-5, 5e-5, 1e-3, 2e-5, 2e-5, nan, 1e-2, 1e-5, 1e-5, 1e-2, 3e-5};
        List<CheckSnapshot> checks = new ArrayList<>();
        for (int i = 0; i < gDead.length; i++) {
            boolean o = overpowered.charAt(i) == 'o';
            checks.add(Checks.check(50L * (i + 1), o ? 0.99 : 0.7, o ? 0.01 : 0.3, gSignal[i], List.of(
                    relu(GENERATOR, gDead[i]), relu(DISCRIMINATOR, dDead[i]),
                    Checks.layer(DISCRIMINATOR, "act2", ActivationType.LEAKYRELU, 60, 100)), List.of()));
        }
        return checks;
    }

    @Test
    void resumingAfterAnyCheckRaisesTheAlertsOfTheUninterruptedRun() throws Exception {
        List<CheckSnapshot> script = script();
        List<Alert> straight = run(new AlertRules(THRESHOLDS, Map.of()), script);
        // Every rule fires, some more than once, so every part of the memory is exercised.
        assertThat(straight).extracting(Alert::rule).containsAll(AlertRules.RULES);
        for (int stop = 1; stop < script.size(); stop++) {
            assertThat(resumed(script, stop, state -> { })).as("stopped after check %d", stop).isEqualTo(straight);
        }
    }

    @Test
    void everyRulesMemoryIsNeeded() throws Exception {
        List<CheckSnapshot> script = script();
        List<Alert> straight = run(new AlertRules(THRESHOLDS, Map.of()), script);
        for (String rule : AlertRules.RULES) {
            boolean differs = false;
            for (int stop = 1; stop < script.size() && !differs; stop++) {
                differs = !resumed(script, stop, state -> state.remove(rule)).equals(straight);
            }
            assertThat(differs).as("a resume that forgets %s's memory goes unnoticed", rule).isTrue();
        }
    }

    @Test
    void theStateIsSmallAndNamesLayersNotChecks() throws Exception {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        run(rules, script());
        JsonNode state = JSON.readTree(JSON.writeValueAsBytes(rules.saveState()));
        assertThat(state.get(AlertRules.DEAD_UNITS).get("over")).extracting(JsonNode::asText)
                .containsExactly("D act1", "G act1");
        JsonNode previous = state.get(AlertRules.DEAD_RISING).get("previous");
        assertThat(previous.get("G act1").get("iteration").asLong()).isEqualTo(600);
        assertThat(previous.get("G act1").get("fraction").asDouble()).isEqualTo(0.52);
        // Leaky layers are never alerted on, so no rule remembers them.
        assertThat(previous.has("D act2")).isFalse();
        assertThat(state.get(AlertRules.D_OVERPOWERING).get("streak").asInt()).isEqualTo(1);
        assertThat(state.get(AlertRules.G_GRADIENT_VANISHING).get("low").asBoolean()).isTrue();
    }

    @Test
    void aStateThatDoesNotFitIsRefusedNamingTheRule() {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        ObjectNode state = (ObjectNode) rules.saveState();
        state.putObject(AlertRules.D_OVERPOWERING).put("streak", "three");
        assertThatThrownBy(() -> rules.restoreState(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d-overpowering").hasMessageContaining("streak");
        ObjectNode rising = (ObjectNode) rules.saveState();
        rising.putObject(AlertRules.DEAD_RISING).putObject("previous").putObject("G act1").put("fraction", 0.5);
        assertThatThrownBy(() -> rules.restoreState(rising)).hasMessageContaining("dead-rising")
                .hasMessageContaining("G act1");
        assertThatThrownBy(() -> rules.restoreState(JSON.createArrayNode())).hasMessageContaining("alert rules");
    }

    /** Stops after {@code stop} checks, edits the saved state, restores it into new rules and runs the rest. */
    private static List<Alert> resumed(List<CheckSnapshot> script, int stop,
                                       java.util.function.Consumer<ObjectNode> edit) throws Exception {
        AlertRules first = new AlertRules(THRESHOLDS, Map.of());
        List<Alert> alerts = new ArrayList<>(run(first, script.subList(0, stop)));
        ObjectNode saved = (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(first.saveState()));
        edit.accept(saved);
        AlertRules second = new AlertRules(THRESHOLDS, Map.of());
        second.restoreState(saved);
        alerts.addAll(run(second, script.subList(stop, script.size())));
        return alerts;
    }

    private static List<Alert> run(AlertRules rules, List<CheckSnapshot> checks) {
        List<Alert> alerts = new ArrayList<>();
        checks.forEach(check -> alerts.addAll(rules.check(check)));
        return alerts;
    }

    /** act1, a ReLU layer of 100 units with {@code dead} of them never positive (NaN: a fraction of NaN). */
    private static LayerUnits relu(dev.jvmgan.model.NetworkRole network, double dead) {
        if (Double.isNaN(dead)) {
            return new LayerUnits(network, "act1", ActivationType.RELU, 100, 0, Double.NaN, 0, 0.5, 0, null);
        }
        return Checks.layer(network, "act1", ActivationType.RELU, (int) dead, 100);
    }
}
