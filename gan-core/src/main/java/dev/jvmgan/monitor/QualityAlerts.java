package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.AlertConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The alert rules over the quality scores during training ({@code eval.every}), judged at every score in this order,
 * each a class of its own ({@link QualityRule}), with the policy of {@code monitors.alerts.policy}:
 * <ul>
 *   <li>{@value #QUALITY_REGRESSED} ({@link QualityRegressedRule}): FD &gt; (1 + {@code fdRegression}) FD_best for
 *       {@code regressionEvals} scores in a row;</li>
 *   <li>{@value #MODE_COLLAPSE} ({@link ModeCollapseRule}): recall &lt; {@code recallBelow} or coverage &lt;
 *       {@code coverageBelow}.</li>
 * </ul>
 * Their policy may be {@link AlertPolicy#ROLLBACK}, which whoever scores carries out (it needs the run's checkpoints);
 * {@link #rolledBack()} then tells the rules. Their memory ({@link #saveState()}) is a few numbers. Not thread-safe.
 */
public final class QualityAlerts {
    public static final String QUALITY_REGRESSED = AlertConfig.QUALITY_REGRESSED;
    public static final String MODE_COLLAPSE = AlertConfig.MODE_COLLAPSE;

    private final AlertConfig config;
    private List<QualityRule> rules;

    public QualityAlerts(AlertConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = freshRules();
    }

    private List<QualityRule> freshRules() {
        return List.of(new QualityRegressedRule(config.fdRegression(), config.regressionEvals()),
                new ModeCollapseRule(config.recallBelow(), config.coverageBelow()));
    }

    /** The policy of {@code rule}'s alerts. */
    public AlertPolicy policy(String rule) {
        return AlertPolicy.valueOf(config.policy().get(rule).toUpperCase(Locale.ROOT));
    }

    /** Judges one score with every rule, updating their memory; alerts in rule order. */
    public List<Alert> check(QualityCheck score) {
        List<Alert> alerts = new ArrayList<>();
        for (QualityRule rule : rules) {
            for (String message : rule.check(score)) {
                alerts.add(new Alert(rule.name(), policy(rule.name()), score.iteration(), message));
            }
        }
        return alerts;
    }

    /** The run went back to its best checkpoint: the streaks that led there are over. */
    public void rolledBack() {
        rules.forEach(QualityRule::rolledBack);
    }

    /** Every rule's memory, by rule name. */
    public JsonNode saveState() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        rules.forEach(rule -> state.set(rule.name(), rule.saveState()));
        return state;
    }

    /**
     * Replaces every rule's memory with a saved {@link #saveState()}; a rule the state does not mention starts afresh.
     *
     * @throws IllegalArgumentException if a rule's state does not fit
     */
    public void restoreState(JsonNode state) {
        if (state == null || !state.isObject()) {
            throw new IllegalArgumentException("quality alerts: state must be an object by rule name, got " + state);
        }
        rules = freshRules();
        for (QualityRule rule : rules) {
            if (state.has(rule.name())) {
                rule.restoreState(state.get(rule.name()));
            }
        }
    }
}
