package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.LossConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * What the monitors make of D's outputs under each loss: the names in lines and messages (a probability, a raw
 * output, a critic's gap), the {@code d-overpowering} thresholds the loss brings ({@code auto}) or the config
 * writes, and a critic's absence of them.
 */
class PerLossMonitorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckSnapshot check(long iteration, double dReal, double dFake, LossConfig.Outputs outputs) {
        double saturated = outputs == LossConfig.Outputs.PROBABILITY ? 0.0 : Double.NaN;
        return new CheckSnapshot(iteration, dReal, dFake, 0.01, 0.02, saturated, saturated,
                OptionalDouble.empty(), List.of(), List.of(), outputs);
    }

    /** The iterations at which d-overpowering fires over 5 checks of the same D outputs. */
    private static List<Long> overpoweredAt(AlertRules rules, double dReal, double dFake, LossConfig.Outputs outputs) {
        List<Long> fired = new ArrayList<>();
        for (long i = 1; i <= 5; i++) {
            rules.check(check(i, dReal, dFake, outputs)).stream()
                    .filter(a -> a.rule().equals(AlertRules.D_OVERPOWERING)).forEach(a -> fired.add(a.iteration()));
        }
        return fired;
    }

    private static AlertConfig alerts(OptionalDouble dRealAbove, OptionalDouble dFakeBelow) {
        AlertConfig d = Defaults.alerts();
        return new AlertConfig(d.deadFraction(), d.deadRise(), dRealAbove, dFakeBelow, d.overpowerChecks(),
                d.gSignalBelow(), d.policy());
    }

    @Test
    void theConsoleLineNamesDsOutputsForTheLoss() {
        assertThat(ConsoleLines.line(check(250, 0.81, 0.22, LossConfig.Outputs.PROBABILITY)))
                .isEqualTo("it 250 | G signal 1.0e-02 | D(x) 0.81 D(G(z)) 0.22");
        assertThat(ConsoleLines.line(check(250, 1.12, -0.93, LossConfig.Outputs.RAW)))
                .isEqualTo("it 250 | G signal 1.0e-02 | D(x) 1.12 D(G(z)) -0.93 (raw)");
        assertThat(ConsoleLines.line(check(250, 3.5, 3.15, LossConfig.Outputs.CRITIC)))
                .isEqualTo("it 250 | G signal 1.0e-02 | critic gap D(x)-D(G(z)) 0.35");
    }

    @Test
    void hingesThresholdsAreItsMarginsOnRawOutputs() {
        AlertRules hinge = AlertRules.of(Defaults.alerts(), LossConfig.of(LossConfig.Type.HINGE));
        assertThat(overpoweredAt(hinge, 0.99, 0.01, LossConfig.Outputs.RAW)).as("inside the margins").isEmpty();
        AlertRules again = AlertRules.of(Defaults.alerts(), LossConfig.of(LossConfig.Type.HINGE));
        List<Alert> alerts = new ArrayList<>();
        for (long i = 1; i <= 3; i++) {
            alerts.addAll(again.check(check(i, 1.4, -1.2, LossConfig.Outputs.RAW)));
        }
        assertThat(alerts).extracting(Alert::rule).containsExactly(AlertRules.D_OVERPOWERING);
        assertThat(alerts.get(0).message()).contains("D(x) = 1.400 > 1 and D(G(z)) = -1.200 < -1 (mean raw outputs)");
    }

    @Test
    void aCriticNeverOverpowersWhateverItsScores() {
        AlertRules wgan = AlertRules.of(Defaults.alerts(), LossConfig.of(LossConfig.Type.WGAN));
        assertThat(wgan.thresholds().overpowering()).isEmpty();
        assertThat(overpoweredAt(wgan, 1e6, -1e6, LossConfig.Outputs.CRITIC)).isEmpty();
        assertThat(wgan.saveState().get(AlertRules.D_OVERPOWERING).get("streak").asInt()).isZero();
    }

    @Test
    void smoothedLabelsLowerTheAutoThresholdToTheirTarget() {
        // One-sided smoothing at 0.9 keeps D(x) near 0.9, under the unsmoothed 0.95: auto follows the target.
        assertThat(overpoweredAt(AlertRules.of(Defaults.alerts(), LossConfig.of(LossConfig.Type.NS)), 0.9, 0.01,
                LossConfig.Outputs.PROBABILITY)).isEmpty();
        assertThat(overpoweredAt(AlertRules.of(Defaults.alerts(), new LossConfig(LossConfig.Type.NS, 0.9)), 0.9,
                0.01, LossConfig.Outputs.PROBABILITY)).containsExactly(3L);
    }

    @Test
    void writtenThresholdsReplaceTheLossesOwnOneByOne() {
        AlertRules rules = AlertRules.of(alerts(OptionalDouble.of(0.5), OptionalDouble.empty()),
                LossConfig.of(LossConfig.Type.HINGE));
        assertThat(rules.thresholds().overpowering().orElseThrow().realAbove()).isEqualTo(0.5);
        assertThat(rules.thresholds().overpowering().orElseThrow().fakeBelow()).as("hinge's auto").isEqualTo(-1);
        assertThat(overpoweredAt(rules, 0.6, -1.1, LossConfig.Outputs.RAW)).containsExactly(3L);
    }

    @Test
    void recordsOfRawOutputsSaySoAndLeaveOutSigmoidSaturation() throws Exception {
        CheckSnapshot raw = check(50, 1.25, -0.75, LossConfig.Outputs.RAW);
        ObjectNode record = MonitorRecords.toJson(raw, List.of());
        assertThat(record.get("dOutput").asText()).isEqualTo("raw");
        assertThat(record.has("dOutputSaturatedReal")).isFalse();
        assertThat(MonitorRecords.fromJson(JSON.readTree(JSON.writeValueAsString(record)))).isEqualTo(raw);

        CheckSnapshot probability = check(50, 0.6, 0.4, LossConfig.Outputs.PROBABILITY);
        ObjectNode plain = MonitorRecords.toJson(probability, List.of());
        assertThat(plain.has("dOutput")).as("as before losses were configurable").isFalse();
        assertThat(MonitorRecords.fromJson(plain)).isEqualTo(probability);
    }

    @Test
    void theVanishingSignalsMessageNamesDsOutputsForTheLoss() {
        AlertRules rules = AlertRules.of(Defaults.alerts(), LossConfig.of(LossConfig.Type.WGAN));
        CheckSnapshot critic = new CheckSnapshot(7, 2.0, 1.5, 1e-6, 0.02, Double.NaN, Double.NaN,
                OptionalDouble.empty(), List.of(), List.of(), LossConfig.Outputs.CRITIC);
        assertThat(rules.check(critic)).singleElement().extracting(Alert::message).asString()
                .contains("with critic gap D(x)-D(G(z)) 0.50;");
    }
}
