package dev.jvmgan.config;

import static dev.jvmgan.config.ConfigTestSupport.parse;
import static dev.jvmgan.config.ConfigTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code monitors:} section beyond one key at a time: the alert policy map and the one cross-field rule. */
class MonitorsConfigTest {

    private static AlertConfig alerts(Map<String, String> policy) {
        AlertConfig d = Defaults.alerts();
        return new AlertConfig(d.deadFraction(), d.deadRise(), d.dRealAbove(), d.dFakeBelow(), d.overpowerChecks(),
                d.gSignalBelow(), policy);
    }

    @Test
    void policyMayListASubsetOfTheRulesAndTheRestWarn() {
        String yaml = "monitors:\n  alerts:\n    policy:\n      g-gradient-vanishing: Stop\n      dead-units: STOP\n";
        assertThat(parse(yaml).monitors().alerts().policy()).containsExactly(
                entry("dead-units", "stop"), entry("dead-rising", "warn"),
                entry("d-overpowering", "warn"), entry("g-gradient-vanishing", "stop"),
                entry("quality-regressed", "warn"), entry("mode-collapse", "warn"));
    }

    @Test
    void anEmptyPolicyIsTheDefaultPolicy() {
        assertThat(parse("monitors:\n  alerts:\n    policy:\n")).isEqualTo(Defaults.run("t"));
        assertThat(parse("monitors: {alerts: {policy: {}}}")).isEqualTo(Defaults.run("t"));
    }

    @Test
    void codeBuiltPolicyIsStoredInRuleOrderInLowerCaseAndUnmodifiable() {
        Map<String, String> shuffled = new LinkedHashMap<>();
        shuffled.put("g-gradient-vanishing", "WARN");
        shuffled.put("d-overpowering", "Stop");
        shuffled.put("dead-rising", "warn");
        shuffled.put("dead-units", "warn");
        Map<String, String> policy = alerts(shuffled).policy();
        assertThat(policy.keySet()).containsExactlyElementsOf(AlertConfig.RULES);
        assertThat(policy).containsEntry("d-overpowering", "stop").containsEntry("g-gradient-vanishing", "warn");
        assertThatThrownBy(() -> policy.put("dead-units", "stop")).isInstanceOf(UnsupportedOperationException.class);
        shuffled.put("dead-units", "stop");
        assertThat(policy).as("a copy, not a view of the caller's map").containsEntry("dead-units", "warn");
    }

    @Test
    void yamlBuiltPolicyEqualsCodeBuilt() {
        Map<String, String> policy = new LinkedHashMap<>(Defaults.alerts().policy());
        policy.put(AlertConfig.D_OVERPOWERING, AlertConfig.STOP);
        assertThat(parse("monitors: {alerts: {policy: {d-overpowering: stop}}}").monitors().alerts())
                .isEqualTo(alerts(policy));
    }

    @Test
    void stopsTellsWhichAlertsEndTheRun() {
        AlertConfig alerts = parse("monitors: {alerts: {policy: {dead-rising: stop}}}").monitors().alerts();
        assertThat(AlertConfig.RULES.stream().filter(alerts::stops)).containsExactly("dead-rising");
    }

    @Test
    void overrideSetsOnePolicyByItsDashedRuleName() {
        assertThat(parse("{}", "monitors.alerts.policy.dead-units=stop").monitors().alerts().policy())
                .containsExactly(entry("dead-units", "stop"), entry("dead-rising", "warn"),
                        entry("d-overpowering", "warn"), entry("g-gradient-vanishing", "warn"),
                        entry("quality-regressed", "warn"), entry("mode-collapse", "warn"));
    }

    @Test
    void overrideReplacesThePolicyTheFileWrote() {
        String yaml = "monitors:\n  alerts:\n    policy: {dead-units: stop, dead-rising: stop}\n";
        assertThat(parse(yaml, "monitors.alerts.policy.dead-units=warn").monitors().alerts().policy())
                .containsEntry("dead-units", "warn").containsEntry("dead-rising", "stop");
    }

    @Test
    void overrideWithAMisspeltRuleGetsASuggestion() {
        assertThat(problems("{}", "monitors.alerts.policy.dead-unts=stop"))
                .isEqualTo("--set: monitors.alerts.policy.dead-unts: unknown key (did you mean 'dead-units'?)");
        assertThat(problems("{}", "monitors.alerts.policy.dead-units=halt"))
                .isEqualTo("--set: monitors.alerts.policy.dead-units: \"halt\" is not one of: warn, stop");
    }

    @Test
    void crossFieldRuleBlamesExplodingAboveWhenBothAreWritten() {
        assertThat(problems("monitors:\n  vanishingBelow: 1.0e-3\n  explodingAbove: 1.0e-4\n"))
                .isEqualTo("t.yaml:3: monitors.explodingAbove: 1.0E-4 must be > vanishingBelow (0.001)");
    }

    @Test
    void crossFieldRuleBlamesVanishingBelowWhenOnlyItWasRaised() {
        assertThat(problems("{}", "monitors.vanishingBelow=5000"))
                .isEqualTo("--set: monitors.vanishingBelow: 5000 must be < explodingAbove (1000)");
    }

    @Test
    void crossFieldRuleWaitsForBothValuesToBeValidOnTheirOwn() {
        assertThat(problems("monitors:\n  vanishingBelow: -1\n  explodingAbove: 1.0e-8\n"))
                .isEqualTo("t.yaml:2: monitors.vanishingBelow: -1 must be >= 0");
    }

    @Test
    void crossFieldProblemComesBeforeLaterKeysOnTheSameLine() {
        // Problems are sorted by line; on one line they keep the order the keys are read in, the rule right
        // after the last key it concerns.
        assertThat(problems("monitors: {alerts: {deadFraction: 2}, vanishingBelow: 5000}\n"))
                .isEqualTo(String.join("\n",
                        "t.yaml:1: monitors.vanishingBelow: 5000 must be < explodingAbove (1000)",
                        "t.yaml:1: monitors.alerts.deadFraction: 2 must be between 0 and 1"));
    }

    @Test
    void raisingBothTogetherIsFine() {
        MonitorConfig monitors = parse("monitors: {vanishingBelow: 5000, explodingAbove: 1.0e+9}").monitors();
        assertThat(monitors.vanishingBelow()).isEqualTo(5000.0);
        assertThat(monitors.explodingAbove()).isEqualTo(1e9);
    }

    @Test
    void everyZeroTurnsTheMonitorsOff() {
        assertThat(parse("monitors: {every: 0}").monitors().enabled()).isFalse();
        assertThat(Defaults.monitors().enabled()).isTrue();
    }

    @Test
    void allProblemsOfTheSectionAreReportedAtOnce() {
        String yaml = "monitors:\n  window: 0\n  alerts:\n    dRealAbove: high\n    policy:\n      dead-units: halt\n";
        assertThat(problems(yaml)).isEqualTo(String.join("\n",
                "t.yaml:2: monitors.window: 0 must be between 1 and 1000",
                "t.yaml:4: monitors.alerts.dRealAbove: \"high\" is not a number or auto",
                "t.yaml:6: monitors.alerts.policy.dead-units: \"halt\" is not one of: warn, stop"));
    }
}
