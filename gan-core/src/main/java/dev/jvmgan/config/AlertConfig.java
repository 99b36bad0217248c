package dev.jvmgan.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * When a monitor's finding becomes an alert, and what each alert does.
 *
 * @param deadFraction    {@code dead-units}: a ReLU layer has more than this fraction of dead units (0..1)
 * @param deadRise        {@code dead-rising}: a layer's never-positive fraction rose by more than this since the
 *                        previous check (0..1)
 * @param dRealAbove      {@code d-overpowering}: mean D(x) above this ... (0..1)
 * @param dFakeBelow      ... and mean D(G(z)) below this ... (0..1)
 * @param overpowerChecks ... for this many consecutive checks (1..1000)
 * @param gSignalBelow    {@code g-gradient-vanishing}: the mean per-sample L2 norm of dLoss/dG(z), the only signal
 *                        G learns from, fell below this (&gt;= 0)
 * @param policy          rule name to {@code warn} (log and record) or {@code stop} (also end the run, keeping the
 *                        last checkpoint). Every rule of {@link #RULES} must be present; the record stores the values
 *                        in lower case and the entries in {@link #RULES} order, unmodifiable
 */
public record AlertConfig(double deadFraction, double deadRise, double dRealAbove, double dFakeBelow,
                          int overpowerChecks, double gSignalBelow, Map<String, String> policy) {

    public static final String DEAD_UNITS = "dead-units";
    public static final String DEAD_RISING = "dead-rising";
    public static final String D_OVERPOWERING = "d-overpowering";
    public static final String G_GRADIENT_VANISHING = "g-gradient-vanishing";
    /** Every alert rule, in the order the YAML and the records list them. */
    public static final List<String> RULES = List.of(DEAD_UNITS, DEAD_RISING, D_OVERPOWERING, G_GRADIENT_VANISHING);

    public static final String WARN = "warn";
    public static final String STOP = "stop";
    /** What an alert can do. */
    public static final List<String> POLICIES = List.of(WARN, STOP);

    static final Bound FRACTION = Bound.between(0, 1);
    static final Bound OVERPOWER_CHECKS = Bound.between(1, 1000);
    static final Bound G_SIGNAL = Bound.atLeast(0);

    static final Schema<AlertConfig> SCHEMA = Schema.of(AlertConfig.class,
            Key.number("deadFraction", 0.3, FRACTION),
            Key.number("deadRise", 0.1, FRACTION),
            Key.number("dRealAbove", 0.95, FRACTION),
            Key.number("dFakeBelow", 0.05, FRACTION),
            Key.integer("overpowerChecks", 3, OVERPOWER_CHECKS),
            Key.number("gSignalBelow", 1.0e-4, G_SIGNAL),
            // Every alert only warns: a monitor ends a run only when the user asked it to.
            SpecialKeys.policy("policy", RULES, POLICIES, WARN));

    public AlertConfig {
        FRACTION.require("deadFraction", deadFraction);
        FRACTION.require("deadRise", deadRise);
        FRACTION.require("dRealAbove", dRealAbove);
        FRACTION.require("dFakeBelow", dFakeBelow);
        OVERPOWER_CHECKS.require("overpowerChecks", overpowerChecks);
        G_SIGNAL.require("gSignalBelow", gSignalBelow);
        policy = ordered(policy);
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
            if (value == null) {
                throw new IllegalArgumentException("policy." + rule + ": missing; every rule needs one of: "
                        + String.join(", ", POLICIES));
            }
            String lowerCase = value.toLowerCase(Locale.ROOT);
            if (!POLICIES.contains(lowerCase)) {
                throw new IllegalArgumentException("policy." + rule + ": '" + value + "' is not one of: "
                        + String.join(", ", POLICIES));
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
