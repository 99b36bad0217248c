package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.loss.OverpowerThresholds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The alert rules, evaluated at every check in the order of {@link #RULES}; each rule ({@link AlertRule}, one class
 * each) returns at most one alert per check per layer, and this class gives each alert its rule's policy:
 * <ul>
 *   <li>{@value #DEAD_UNITS} ({@link DeadUnitsRule}): a ReLU layer has more than {@code deadFraction} dead
 *       units;</li>
 *   <li>{@value #DEAD_RISING} ({@link DeadRisingRule}): a ReLU layer's dead fraction rose by more than
 *       {@code deadRise} since its previous check;</li>
 *   <li>{@value #D_OVERPOWERING} ({@link OverpoweringRule}): D(x) &gt; {@code dRealAbove} and D(G(z)) &lt;
 *       {@code dFakeBelow} for {@code overpowerChecks} checks in a row, on the loss's scale (never for a critic);</li>
 *   <li>{@value #G_GRADIENT_VANISHING} ({@link GradientVanishingRule}): gSignal &lt; {@code gSignalBelow}.</li>
 * </ul>
 * NaN figures fail every comparison, so they neither fire nor re-arm a rule; non-finite values are the divergence
 * check's business.
 *
 * <p>The rules' memory ({@link #saveState()}) is all a resumed run needs to fire exactly as an uninterrupted one,
 * and is bounded by the number of layers. Not thread-safe: one instance per run, called from the training thread.
 */
public final class AlertRules {
    public static final String DEAD_UNITS = "dead-units", DEAD_RISING = "dead-rising",
            D_OVERPOWERING = "d-overpowering", G_GRADIENT_VANISHING = "g-gradient-vanishing";
    /** Every rule, in evaluation order. */
    public static final List<String> RULES = List.of(DEAD_UNITS, DEAD_RISING, D_OVERPOWERING, G_GRADIENT_VANISHING);

    /**
     * The rules' thresholds.
     *
     * @param deadFraction    a ReLU layer's never-positive fraction above which it alerts, in (0, 1] (e.g. 0.3)
     * @param deadRise        rise of a layer's neverPositiveFraction between consecutive checks, in (0, 1] (e.g. 0.1)
     * @param overpowering    D(x) above and D(G(z)) below which D overpowers G, on the loss's own scale (0.95 and
     *                        0.05 for probabilities, 1 and -1 for hinge's margins); empty for a critic, whose
     *                        {@value #D_OVERPOWERING} rule then never fires
     * @param overpowerChecks consecutive overpowered checks before the alert, &gt;= 1 (e.g. 3)
     * @param gSignalBelow    mean per-sample norm of G's input gradient below which G's gradient vanishes, &gt;= 0 (e.g. 1e-4)
     */
    public record Thresholds(double deadFraction, double deadRise, Optional<OverpowerThresholds> overpowering,
                             int overpowerChecks, double gSignalBelow) {
        public Thresholds {
            requireIn("deadFraction", deadFraction, 0, 1, true);
            requireIn("deadRise", deadRise, 0, 1, true);
            Objects.requireNonNull(overpowering, "overpowering");
            if (overpowerChecks < 1) {
                throw new IllegalArgumentException("overpowerChecks: must be >= 1, got " + overpowerChecks);
            }
            if (!(gSignalBelow >= 0) || Double.isInfinite(gSignalBelow)) {
                throw new IllegalArgumentException("gSignalBelow: must be finite and >= 0, got " + gSignalBelow);
            }
        }

        /** 30% dead, a 10-point rise, D(x) &gt; 0.95 with D(G(z)) &lt; 0.05 for 3 checks, gSignal &lt; 1e-4. */
        public static Thresholds defaults() {
            return new Thresholds(0.3, 0.1, Optional.of(new OverpowerThresholds(0.95, 0.05)), 3, 1e-4);
        }

        private static void requireIn(String name, double value, double low, double high, boolean highIncluded) {
            boolean ok = value > low && (highIncluded ? value <= high : value < high);
            if (!ok) {
                throw new IllegalArgumentException(name + ": must be in (" + low + ", " + high + (highIncluded ? "]" : ")")
                        + ", got " + value);
            }
        }
    }

    private final Thresholds thresholds;
    private final Map<String, AlertPolicy> policies;
    private List<AlertRule> rules;

    /** @param policies by rule name; a missing rule is {@link AlertPolicy#WARN}, an unknown name is an error */
    public AlertRules(Thresholds thresholds, Map<String, AlertPolicy> policies) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(policies, "policies");
        policies.forEach((rule, policy) -> {
            if (!RULES.contains(rule)) {
                throw new IllegalArgumentException("unknown alert rule '" + rule + "'; known: " + String.join(", ", RULES));
            }
            Objects.requireNonNull(policy, "policy of " + rule);
        });
        this.policies = Map.copyOf(policies);
        this.rules = freshRules();
    }

    /** The rules of {@code monitors.alerts} for the default loss ({@code ns}, D's outputs probabilities). */
    public static AlertRules of(AlertConfig config) {
        return of(config, LossConfig.of(LossConfig.Type.NS));
    }

    /**
     * The rules with the thresholds and policies of {@code monitors.alerts}; {@code d-overpowering}'s thresholds
     * left {@code auto} take the loss's own ({@link LossConfig#overpowering()}), and a critic has none.
     */
    public static AlertRules of(AlertConfig config, LossConfig loss) {
        Map<String, AlertPolicy> policies = new LinkedHashMap<>();
        // The quality rules judge scores, not checks: QualityAlerts runs them.
        config.policy().forEach((rule, policy) -> {
            if (RULES.contains(rule)) {
                policies.put(rule, AlertPolicy.valueOf(policy.toUpperCase(Locale.ROOT)));
            }
        });
        Optional<OverpowerThresholds> overpowering = loss.overpowering().map(auto -> new OverpowerThresholds(
                config.dRealAbove().orElse(auto.realAbove()), config.dFakeBelow().orElse(auto.fakeBelow())));
        return new AlertRules(new Thresholds(config.deadFraction(), config.deadRise(), overpowering,
                config.overpowerChecks(), config.gSignalBelow()), policies);
    }

    private List<AlertRule> freshRules() {
        return List.of(new DeadUnitsRule(thresholds.deadFraction()), new DeadRisingRule(thresholds.deadRise()),
                new OverpoweringRule(thresholds.overpowering(), thresholds.overpowerChecks()),
                new GradientVanishingRule(thresholds.gSignalBelow()));
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** The policy a rule's alerts carry. */
    public AlertPolicy policy(String rule) {
        return policies.getOrDefault(rule, AlertPolicy.WARN);
    }

    /** Evaluates every rule on this check, updating the rules' memory; alerts in rule order. */
    public List<Alert> check(CheckSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Set<String> seen = new HashSet<>();
        for (LayerUnits u : snapshot.units()) {
            // Rules remember layers by name; two entries for one layer would mix their figures.
            if (!seen.add(u.id())) {
                throw new IllegalArgumentException(u.id() + " appears twice in the check at iteration "
                        + snapshot.iteration());
            }
        }
        List<Alert> alerts = new ArrayList<>();
        for (AlertRule rule : rules) {
            for (String message : rule.check(snapshot)) {
                alerts.add(new Alert(rule.name(), policy(rule.name()), snapshot.iteration(), message));
            }
        }
        return alerts;
    }

    /** Every rule's memory, by rule name: what a checkpoint keeps of the alerts. */
    public JsonNode saveState() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        rules.forEach(rule -> state.set(rule.name(), rule.saveState()));
        return state;
    }

    /**
     * Replaces every rule's memory with a saved {@link #saveState()}. A rule the state does not mention (one newer
     * than the checkpoint) starts afresh, as at the start of a run; entries of rules this version lacks are ignored.
     *
     * @throws IllegalArgumentException if a rule's state does not fit
     */
    public void restoreState(JsonNode state) {
        if (state == null || !state.isObject()) {
            throw new IllegalArgumentException("alert rules: state must be an object by rule name, got " + state);
        }
        rules = freshRules();
        for (AlertRule rule : rules) {
            if (state.has(rule.name())) {
                rule.restoreState(state.get(rule.name()));
            }
        }
    }

    /** Forgets every check: the state at the start of a run. */
    void reset() {
        rules = freshRules();
    }
}
