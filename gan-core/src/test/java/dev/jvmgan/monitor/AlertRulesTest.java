package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static dev.jvmgan.monitor.AlertRules.DEAD_RISING;
import static dev.jvmgan.monitor.AlertRules.DEAD_UNITS;
import static dev.jvmgan.monitor.AlertRules.D_OVERPOWERING;
import static dev.jvmgan.monitor.AlertRules.G_GRADIENT_VANISHING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.NetworkRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scripted sequences of checks: which rule fires at which check, once. */
class AlertRulesTest {
    private static final AlertRules.Thresholds THRESHOLDS = AlertRules.Thresholds.defaults();
    private static final double HEALTHY_G = 0.1;

    @Test
    void overpoweringFiresAtTheNthConsecutiveCheckAndAgainOnlyAfterTheStreakBreaks() {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        // o = overpowered (D(x) 0.99, D(G(z)) 0.01), . = not; N = 3
        String script = "oo.ooooo.ooo";
        List<Integer> firedAt = new ArrayList<>();
        for (int i = 0; i < script.length(); i++) {
            boolean o = script.charAt(i) == 'o';
            List<Alert> alerts = rules.check(check(i, o ? 0.99 : 0.7, o ? 0.01 : 0.3, HEALTHY_G));
            if (!alerts.isEmpty()) {
                assertThat(alerts).extracting(Alert::rule).containsExactly(D_OVERPOWERING);
                firedAt.add(i);
            }
        }
        assertThat(firedAt).containsExactly(5, 11);
    }

    @Test
    void overpoweringNeedsBothConditions() {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        for (int i = 0; i < 5; i++) {
            assertThat(rules.check(check(i, 0.99, 0.2, HEALTHY_G))).isEmpty();
        }
        Alert alert = new AlertRules(new AlertRules.Thresholds(0.3, 0.1, 0.95, 0.05, 1, 1e-4), Map.of())
                .check(check(1200, 0.982, 0.013, HEALTHY_G)).get(0);
        assertThat(alert.message()).startsWith("D overpowers G at iteration 1200: D(x) = 0.982 > 0.95 and "
                + "D(G(z)) = 0.013 < 0.05 for 1 consecutive checks").contains("train.d.lr", "train.g.lr");
    }

    @Test
    void deadUnitsFireForAReluLayerOverTheThresholdAndNotForALeakyOne() {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        List<Alert> alerts = rules.check(check(1200, List.of(
                layer(DISCRIMINATOR, "act2", ActivationType.RELU, 53, 128),
                layer(DISCRIMINATOR, "act1", ActivationType.LEAKYRELU, 60, 64),
                layer(GENERATOR, "act1", ActivationType.RELU, 10, 128))));
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.rule()).isEqualTo(DEAD_UNITS);
        assertThat(alert.policy()).isEqualTo(AlertPolicy.WARN);
        assertThat(alert.iteration()).isEqualTo(1200);
        assertThat(alert.message()).isEqualTo("D act2: 41.4% of units (53 of 128) never positive (threshold 30%) at "
                + "iteration 1200; ReLU units there get no gradient: consider leakyrelu "
                + "(model.discriminator.activation) or a lower train.d.lr");
    }

    @Test
    void deadUnitsFireOnGoingOverAndAgainOnlyAfterComingBack() {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        int[] dead = {40, 45, 20, 25, 40};    // of 100; threshold 30%, rises of 5 points stay under the 10-point rule
        boolean[] fires = {true, false, false, false, true};
        for (int i = 0; i < dead.length; i++) {
            List<Alert> alerts = rules.check(check(i,
                    List.of(layer(GENERATOR, "act1", ActivationType.RELU, dead[i], 100))));
            assertThat(alerts.stream().anyMatch(a -> a.rule().equals(DEAD_UNITS))).as("check %d", i)
                    .isEqualTo(fires[i]);
        }
    }

    @Test
    void risingFiresOnAJumpBetweenConsecutiveChecks() {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        int[] dead = {5, 8, 20, 25, 10, 21};  // of 100: jumps of 12 (check 2) and 11 (check 5) points
        List<Long> firedAt = new ArrayList<>();
        for (int i = 0; i < dead.length; i++) {
            for (Alert a : rules.check(check(100L * i, List.of(
                    layer(GENERATOR, "act1", ActivationType.RELU, dead[i], 100),
                    layer(DISCRIMINATOR, "act1", ActivationType.PRELU, 10 * i, 50))))) {
                assertThat(a.rule()).isEqualTo(DEAD_RISING);
                firedAt.add(a.iteration());
                if (a.iteration() == 200) {
                    assertThat(a.message()).isEqualTo("G act1: dead units rose from 8% to 20% (+12 points, threshold "
                            + "+10) between iterations 100 and 200; ReLU units there are dying: consider a lower "
                            + "train.g.lr or leakyrelu (model.generator.activation)");
                }
            }
        }
        assertThat(firedAt).containsExactly(200L, 500L);
    }

    @Test
    void gradientVanishingFiresWhenTheSignalDropsAndAgainAfterItRecovers() {
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        double[] signal = {1e-2, 5e-5, 1e-5, 1e-3, 2e-5};
        boolean[] fires = {false, true, false, false, true};
        for (int i = 0; i < signal.length; i++) {
            List<Alert> alerts = rules.check(check(i, 0.6, 0.4, signal[i]));
            assertThat(alerts).as("check %d", i).hasSize(fires[i] ? 1 : 0);
        }
        Alert alert = new AlertRules(THRESHOLDS, Map.of()).check(check(7, 0.6, 0.4, 3.2e-6)).get(0);
        assertThat(alert.rule()).isEqualTo(G_GRADIENT_VANISHING);
        assertThat(alert.message()).contains("iteration 7", "3.20e-06", "threshold 1.00e-04", "train.g.lr");
    }

    @Test
    void policiesMapToStopWhenConfiguredAndRulesComeInOrder() {
        AlertRules rules = new AlertRules(new AlertRules.Thresholds(0.3, 0.1, 0.95, 0.05, 1, 1e-4),
                Map.of(D_OVERPOWERING, AlertPolicy.STOP, DEAD_UNITS, AlertPolicy.STOP));
        rules.check(check(0, List.of(layer(DISCRIMINATOR, "act2", ActivationType.RELU, 0, 10))));
        List<Alert> alerts = rules.check(Checks.check(1, 0.99, 0.01, 1e-6,
                List.of(layer(DISCRIMINATOR, "act2", ActivationType.RELU, 5, 10)), List.of()));
        assertThat(alerts).extracting(Alert::rule)
                .containsExactly(DEAD_UNITS, DEAD_RISING, D_OVERPOWERING, G_GRADIENT_VANISHING);
        assertThat(alerts).extracting(Alert::policy)
                .containsExactly(AlertPolicy.STOP, AlertPolicy.WARN, AlertPolicy.STOP, AlertPolicy.WARN);
        assertThat(AlertRules.RULES).containsExactly(DEAD_UNITS, DEAD_RISING, D_OVERPOWERING, G_GRADIENT_VANISHING);
    }

    @Test
    void rejectsUnknownRulesAndBadThresholdsNamingThem() {
        assertThatThrownBy(() -> new AlertRules(THRESHOLDS, Map.of("dead-unit", AlertPolicy.STOP)))
                .hasMessage("unknown alert rule 'dead-unit'; known: dead-units, dead-rising, d-overpowering, "
                        + "g-gradient-vanishing");
        assertThatThrownBy(() -> new AlertRules.Thresholds(1.5, 0.1, 0.95, 0.05, 3, 1e-4))
                .hasMessageStartingWith("deadFraction: must be in (0");
        assertThatThrownBy(() -> new AlertRules.Thresholds(0.3, 0.1, 0.95, 0.05, 0, 1e-4))
                .hasMessageStartingWith("overpowerChecks: must be >= 1");
        assertThatThrownBy(() -> new AlertRules.Thresholds(0.3, 0.1, 0.95, 0.05, 3, -1))
                .hasMessageStartingWith("gSignalBelow:");
        AlertRules rules = new AlertRules(THRESHOLDS, Map.of());
        LayerUnits twice = layer(DISCRIMINATOR, "act2", ActivationType.RELU, 1, 10);
        assertThatThrownBy(() -> rules.check(check(3, List.of(twice, twice))))
                .hasMessageContaining("D act2 appears twice");
    }

    private static CheckSnapshot check(long iteration, double dReal, double dFake, double gSignal) {
        return Checks.check(iteration, dReal, dFake, gSignal, List.of(), List.of());
    }

    private static CheckSnapshot check(long iteration, List<LayerUnits> units) {
        return Checks.check(iteration, 0.6, 0.4, HEALTHY_G, units, List.of());
    }

    private static LayerUnits layer(NetworkRole network, String name, ActivationType type, int neverPositive,
                                    int units) {
        return Checks.layer(network, name, type, neverPositive, units);
    }
}
