package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.Defaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quality rules on hand-made score sequences: when each fires, when not, and what their memory keeps. */
class QualityAlertsTest {

    /** fdRegression 0.2, regressionEvals 3, recallBelow 0.02, coverageBelow 0.02 (the defaults), with a policy. */
    private static QualityAlerts rules(String regressedPolicy) {
        AlertConfig d = Defaults.alerts();
        Map<String, String> policy = new LinkedHashMap<>(d.policy());
        policy.put("quality-regressed", regressedPolicy);
        return new QualityAlerts(new AlertConfig(d.deadFraction(), d.deadRise(), d.dRealAbove(), d.dFakeBelow(),
                d.overpowerChecks(), d.gSignalBelow(), 0.2, 3, 0.02, 0.02, 0.5, 2, policy));
    }

    private static QualityCheck fd(long iteration, double fd) {
        return new QualityCheck(iteration, fd, 0.5, 0.5);
    }

    private static List<String> fired(QualityAlerts rules, QualityCheck... checks) {
        List<String> fired = new java.util.ArrayList<>();
        for (QualityCheck c : checks) {
            rules.check(c).forEach(a -> fired.add(a.rule() + "@" + a.iteration()));
        }
        return fired;
    }

    @Test
    void regressedFiresAfterThreeScoresInARowMoreThanTwentyPercentAboveTheBest() {
        // Best 10; 12.1, 12.5 and 13 are all above 10 x 1.2 = 12.
        assertThat(fired(rules("warn"), fd(1, 10), fd(2, 12.1), fd(3, 12.5), fd(4, 13)))
                .containsExactly("quality-regressed@4");
    }

    @Test
    void regressedDoesNotFireWhenAScoreInBetweenIsWithinTheMargin() {
        // 11.9 is within 20% of 10 and breaks the streak; so does a new best.
        assertThat(fired(rules("warn"), fd(1, 10), fd(2, 12.1), fd(3, 11.9), fd(4, 12.5), fd(5, 13), fd(6, 9),
                fd(7, 10.7), fd(8, 10.7), fd(9, 11))).isEmpty();
    }

    @Test
    void regressedMeasuresAgainstTheLowestScoreNotTheFirst() {
        // Best 5 at iteration 2: 6.5 is 30% above it though below the first score.
        assertThat(fired(rules("warn"), fd(1, 8), fd(2, 5), fd(3, 6.5), fd(4, 6.5), fd(5, 6.5)))
                .containsExactly("quality-regressed@5");
    }

    @Test
    void modeCollapseFiresOnRecallOrCoverageBelowAndOnlyOnEntering() {
        QualityAlerts rules = rules("warn");
        assertThat(fired(rules, new QualityCheck(1, 10, 0.06, 0.08), new QualityCheck(2, 10, 0.0, 0.5),
                new QualityCheck(3, 10, 0.0, 0.003), new QualityCheck(4, 10, 0.3, 0.3),
                new QualityCheck(5, 10, 0.3, 0.004))).containsExactly("mode-collapse@2", "mode-collapse@5");
    }

    @Test
    void theDefaultRunsFirstScoresDoNotCountAsCollapse() {
        // The sanity table's default run at iteration 500 (held out and own reference).
        assertThat(fired(rules("warn"), new QualityCheck(500, 85, 0.060, 0.079), new QualityCheck(500, 45, 0.220,
                0.103))).isEmpty();
    }

    @Test
    void alertsCarryTheConfiguredPolicy() {
        List<Alert> alerts = new java.util.ArrayList<>();
        QualityAlerts rules = rules("rollback");
        for (QualityCheck c : List.of(fd(1, 10), fd(2, 20), fd(3, 20), fd(4, 20))) {
            alerts.addAll(rules.check(c));
        }
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.policy()).isEqualTo(AlertPolicy.ROLLBACK);
            assertThat(a.message()).contains("FD 20.000 at iteration 4").contains("best, 10.000 at iteration 1");
        });
    }

    @Test
    void aRollbackEndsTheStreakButKeepsTheBest() {
        QualityAlerts rules = rules("warn");
        fired(rules, fd(1, 10), fd(2, 13), fd(3, 13));
        rules.rolledBack();
        assertThat(fired(rules, fd(4, 13), fd(5, 13))).isEmpty();
        assertThat(fired(rules, fd(6, 13))).containsExactly("quality-regressed@6");
    }

    @Test
    void savedMemoryResumesTheSameAlerts() {
        QualityAlerts straight = rules("warn");
        QualityAlerts first = rules("warn");
        QualityCheck[] before = {fd(1, 10), fd(2, 13), new QualityCheck(3, 13, 0.0, 0.5)};
        QualityCheck[] after = {fd(4, 13), new QualityCheck(5, 13, 0.0, 0.5), fd(6, 9)};
        fired(straight, before);
        fired(first, before);
        QualityAlerts resumed = rules("warn");
        resumed.restoreState(first.saveState());
        assertThat(fired(resumed, after)).isEqualTo(fired(straight, after))
                .containsExactly("quality-regressed@4", "mode-collapse@5");
    }
}
