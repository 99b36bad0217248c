package dev.jvmgan.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * When a monitor's finding becomes an alert, and what each alert does.
 *
 * @param deadFraction    {@code dead-units}: a ReLU layer has more than this fraction of dead units (0..1)
 * @param deadRise        {@code dead-rising}: a layer's never-positive fraction rose by more than this since the
 *                        previous check (0..1)
 * @param dRealAbove      {@code d-overpowering}: mean D(x) above this ..., on the loss's own scale (a probability
 *                        in [0, 1] for {@code ns} and {@code minimax}, a raw output for {@code lsgan} and
 *                        {@code hinge}; {@code wgan} has none); empty ({@code auto}, the default) takes the loss's
 *                        own: 0.95 of the real label, 1 for hinge
 * @param dFakeBelow      ... and mean D(G(z)) below this ...; empty ({@code auto}): 0.05, -1 for hinge
 * @param overpowerChecks ... for this many consecutive checks (1..1000)
 * @param gSignalBelow    {@code g-gradient-vanishing}: the mean per-sample L2 norm of dLoss/dG(z), the only signal
 *                        G learns from, fell below this (&gt;= 0)
 * @param fdRegression    {@code quality-regressed} (scores during training, {@code eval.every}): the Fréchet distance
 *                        is more than this fraction above the lowest so far, FD &gt; (1 + fdRegression) FD_best
 *                        (&gt; 0) ...
 * @param regressionEvals ... at this many consecutive scores (1..1000)
 * @param recallBelow     {@code mode-collapse}: recall below this (0..1) ...
 * @param coverageBelow   ... or coverage below this (0..1)
 * @param rollbackLrFactor a {@code rollback} multiplies both learning rates by this, in (0, 1]
 * @param maxRollbacks    a run rolls back at most this many times; the next rollback alert stops it (1..100)
 * @param policy          rule name to {@code warn} (log and record) or {@code stop} (also end the run, keeping the
 *                        last checkpoint), or for the quality rules ({@link #QUALITY_RULES}) {@code rollback}
 *                        (reload {@code best.zip} and go on with lower learning rates). Every rule of {@link #RULES}
 *                        must be present, except quality rules, which are {@code warn} when missing; the record
 *                        stores the values in lower case and the entries in {@link #RULES} order, unmodifiable
 */
public record AlertConfig(double deadFraction, double deadRise, OptionalDouble dRealAbove, OptionalDouble dFakeBelow,
                          int overpowerChecks, double gSignalBelow, double fdRegression, int regressionEvals,
                          double recallBelow, double coverageBelow, double rollbackLrFactor, int maxRollbacks,
                          Map<String, String> policy) {

    public static final String DEAD_UNITS = "dead-units";
    public static final String DEAD_RISING = "dead-rising";
    public static final String D_OVERPOWERING = "d-overpowering";
    public static final String G_GRADIENT_VANISHING = "g-gradient-vanishing";
    public static final String QUALITY_REGRESSED = "quality-regressed";
    public static final String MODE_COLLAPSE = "mode-collapse";
    /** The rules that judge the quality scores during training, not the monitors' checks. */
    public static final List<String> QUALITY_RULES = List.of(QUALITY_REGRESSED, MODE_COLLAPSE);
    /** Every alert rule, in the order the YAML and the records list them. */
    public static final List<String> RULES = List.of(DEAD_UNITS, DEAD_RISING, D_OVERPOWERING, G_GRADIENT_VANISHING,
            QUALITY_REGRESSED, MODE_COLLAPSE);

    public static final String WARN = "warn";
    public static final String STOP = "stop";
    public static final String ROLLBACK = "rollback";
    /** What an alert of the monitors' rules can do. */
    public static final List<String> POLICIES = List.of(WARN, STOP);
    /** What an alert of the quality rules can do. */
    public static final List<String> QUALITY_POLICIES = List.of(WARN, STOP, ROLLBACK);

    static final Bound FRACTION = Bound.between(0, 1);
    static final Bound OVERPOWER_CHECKS = Bound.between(1, 1000);
    static final Bound G_SIGNAL = Bound.atLeast(0);
    static final Bound FD_REGRESSION = Bound.between(1e-9, 1e6);
    static final Bound REGRESSION_EVALS = Bound.between(1, 1000);
    static final Bound LR_FACTOR = Bound.between(1e-9, 1);
    static final Bound MAX_ROLLBACKS = Bound.between(1, 100);

    static final Schema<AlertConfig> SCHEMA = Schema.of(AlertConfig.class,
            Key.number("deadFraction", 0.3, FRACTION),
            Key.number("deadRise", 0.1, FRACTION),
            SpecialKeys.numberOrAuto("dRealAbove"),
            SpecialKeys.numberOrAuto("dFakeBelow"),
            Key.integer("overpowerChecks", 3, OVERPOWER_CHECKS),
            Key.number("gSignalBelow", 1.0e-4, G_SIGNAL),
            Key.number("fdRegression", 0.2, FD_REGRESSION),
            Key.integer("regressionEvals", 3, REGRESSION_EVALS),
            // Collapsed sets in the sanity table: recall 0.000, coverage <= 0.004; the default run's first score
            // (iteration 500): recall >= 0.06, coverage >= 0.079. The thresholds sit 3 to 5 times from each.
            Key.number("recallBelow", 0.02, FRACTION),
            Key.number("coverageBelow", 0.02, FRACTION),
            Key.number("rollbackLrFactor", 0.5, LR_FACTOR),
            Key.integer("maxRollbacks", 2, MAX_ROLLBACKS),
            // Every alert only warns: a monitor ends a run only when the user asked it to.
            SpecialKeys.policy("policy", RULES, rule -> QUALITY_RULES.contains(rule) ? QUALITY_POLICIES : POLICIES,
                    WARN));

    public AlertConfig {
        FRACTION.require("deadFraction", deadFraction);
        FRACTION.require("deadRise", deadRise);
        Objects.requireNonNull(dRealAbove, "dRealAbove");
        Objects.requireNonNull(dFakeBelow, "dFakeBelow");
        // The range depends on train.loss: BuiltInRules checks it with the loss in view.
        dRealAbove.ifPresent(value -> Bound.FINITE.require("dRealAbove", value));
        dFakeBelow.ifPresent(value -> Bound.FINITE.require("dFakeBelow", value));
        OVERPOWER_CHECKS.require("overpowerChecks", overpowerChecks);
        G_SIGNAL.require("gSignalBelow", gSignalBelow);
        FD_REGRESSION.require("fdRegression", fdRegression);
        REGRESSION_EVALS.require("regressionEvals", regressionEvals);
        FRACTION.require("recallBelow", recallBelow);
        FRACTION.require("coverageBelow", coverageBelow);
        LR_FACTOR.require("rollbackLrFactor", rollbackLrFactor);
        MAX_ROLLBACKS.require("maxRollbacks", maxRollbacks);
        policy = ordered(policy);
    }

    /** The monitors' thresholds and policies, with the quality rules' at their defaults. */
    public AlertConfig(double deadFraction, double deadRise, OptionalDouble dRealAbove, OptionalDouble dFakeBelow,
                       int overpowerChecks, double gSignalBelow, Map<String, String> policy) {
        this(deadFraction, deadRise, dRealAbove, dFakeBelow, overpowerChecks, gSignalBelow,
                SCHEMA.defaults().fdRegression(), SCHEMA.defaults().regressionEvals(), SCHEMA.defaults().recallBelow(),
                SCHEMA.defaults().coverageBelow(), SCHEMA.defaults().rollbackLrFactor(),
                SCHEMA.defaults().maxRollbacks(), policy);
    }

    /** True if some rule's alert rolls back to {@code best.zip}. */
    public boolean rollsBack() {
        return policy.containsValue(ROLLBACK);
    }

    static String rollbackOnlyForQuality() {
        return "rollback is only for the quality rules (" + String.join(", ", QUALITY_RULES) + "); write "
                + String.join(" or ", POLICIES);
    }

    /** True if {@code rule}'s alert ends the run. */
    public boolean stops(String rule) {
        if (!RULES.contains(rule)) {
            throw new IllegalArgumentException("rule: " + unknownRule(rule));
        }
        return policy.get(rule).equals(STOP);
    }

    private static Map<String, String> ordered(Map<String, String> policy) {
        Objects.requireNonNull(policy, "policy");
        for (String rule : policy.keySet()) {
            if (!RULES.contains(Objects.requireNonNull(rule, "policy rule"))) {
                throw new IllegalArgumentException("policy: " + unknownRule(rule));
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String rule : RULES) {
            String value = policy.get(rule);
            if (value == null && QUALITY_RULES.contains(rule)) {
                value = WARN;
            }
            if (value == null) {
                throw new IllegalArgumentException("policy." + rule + ": missing; every rule needs one of: "
                        + String.join(", ", POLICIES));
            }
            String lowerCase = value.toLowerCase(Locale.ROOT);
            if (lowerCase.equals(ROLLBACK) && !QUALITY_RULES.contains(rule)) {
                throw new IllegalArgumentException("policy." + rule + ": " + rollbackOnlyForQuality());
            }
            List<String> allowed = QUALITY_RULES.contains(rule) ? QUALITY_POLICIES : POLICIES;
            if (!allowed.contains(lowerCase)) {
                throw new IllegalArgumentException("policy." + rule + ": '" + value + "' is not one of: "
                        + String.join(", ", allowed));
            }
            ordered.put(rule, lowerCase);
        }
        return Collections.unmodifiableMap(ordered);
    }

    private static String unknownRule(String rule) {
        String hint = DidYouMean.hint(rule, RULES);
        return "unknown rule '" + rule + "'" + (hint.isEmpty() ? "; rules: " + String.join(", ", RULES) : hint);
    }
}
