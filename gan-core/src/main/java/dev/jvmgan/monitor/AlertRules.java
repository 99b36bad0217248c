package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stateful rules evaluated at every check, in the order of {@link #RULES}; each returns at most one alert per check
 * per (rule, layer).
 *
 * <ul>
 *   <li>{@value #DEAD_UNITS}: a ReLU layer's neverPositiveFraction is above {@code deadFraction}. Fires when the
 *       layer goes over, and again only after it has come back to or below the threshold: a warning repeated at
 *       every check would bury the other output. Leaky and smooth layers are never alerted on: their never-positive
 *       units still get gradient (alpha, or the smooth tail), so they are reported and charted but are no emergency.
 *       </li>
 *   <li>{@value #DEAD_RISING}: a ReLU layer's neverPositiveFraction rose by more than {@code deadRise} since its
 *       previous check (ReLU only, for the same reason). Fires at every such jump.</li>
 *   <li>{@value #D_OVERPOWERING}: D(x) &gt; {@code dRealAbove} and D(G(z)) &lt; {@code dFakeBelow} at
 *       {@code overpowerChecks} consecutive checks. Fires once when the streak reaches that length, and again only
 *       after the streak has broken and formed anew.</li>
 *   <li>{@value #G_GRADIENT_VANISHING}: gSignal &lt; {@code gSignalBelow}. Fires when the signal drops below, again
 *       only after it has recovered.</li>
 * </ul>
 * NaN figures fail every comparison, so they neither fire nor re-arm a rule; non-finite values are the divergence
 * check's business.
 *
 * <p>Not thread-safe: one instance per run, called from the training thread.
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
     * @param dRealAbove      D(x) above this ... , in (0, 1) (e.g. 0.95)
     * @param dFakeBelow      ... and D(G(z)) below this count as D overpowering G, in (0, 1) (e.g. 0.05)
     * @param overpowerChecks consecutive overpowered checks before the alert, &gt;= 1 (e.g. 3)
     * @param gSignalBelow    mean per-sample norm of G's input gradient below which G's gradient vanishes, &gt;= 0 (e.g. 1e-4)
     */
    public record Thresholds(double deadFraction, double deadRise, double dRealAbove, double dFakeBelow,
                             int overpowerChecks, double gSignalBelow) {
        public Thresholds {
            requireIn("deadFraction", deadFraction, 0, 1, true);
            requireIn("deadRise", deadRise, 0, 1, true);
            requireIn("dRealAbove", dRealAbove, 0, 1, false);
            requireIn("dFakeBelow", dFakeBelow, 0, 1, false);
            if (overpowerChecks < 1) {
                throw new IllegalArgumentException("overpowerChecks: must be >= 1, got " + overpowerChecks);
            }
            if (!(gSignalBelow >= 0) || Double.isInfinite(gSignalBelow)) {
                throw new IllegalArgumentException("gSignalBelow: must be finite and >= 0, got " + gSignalBelow);
            }
        }

        /** 30% dead, a 10-point rise, D(x) &gt; 0.95 with D(G(z)) &lt; 0.05 for 3 checks, gSignal &lt; 1e-4. */
        public static Thresholds defaults() {
            return new Thresholds(0.3, 0.1, 0.95, 0.05, 3, 1e-4);
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
    private final Map<String, LayerState> layers = new HashMap<>();
    private int overpowerStreak;
    private boolean gSignalLow;

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
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** The policy a rule's alerts carry. */
    public AlertPolicy policy(String rule) {
        return policies.getOrDefault(rule, AlertPolicy.WARN);
    }

    /** Evaluates every rule on this check, updating the rules' state; alerts in rule order. */
    public List<Alert> check(CheckSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        long iteration = snapshot.iteration();
        List<Alert> dead = new ArrayList<>();
        List<Alert> rising = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LayerUnits u : snapshot.units()) {
            String key = u.network() + " " + u.layer();
            if (!seen.add(key)) {
                throw new IllegalArgumentException(key + " appears twice in the check at iteration " + iteration);
            }
            if (u.type() != ActivationType.RELU) {
                continue;
            }
            LayerState state = layers.computeIfAbsent(key, k -> new LayerState());
            double fraction = u.neverPositiveFraction();
            if (fraction > thresholds.deadFraction() && !state.over) {
                dead.add(alert(DEAD_UNITS, iteration, String.format(Locale.ROOT,
                        "%s: %s%% of units (%d of %d) never positive (threshold %s%%) at iteration %d; ReLU units "
                                + "there get no gradient: consider leakyrelu (%s) or %s",
                        key, percent(fraction), u.neverPositive(), u.units(), percent(thresholds.deadFraction()),
                        iteration, activationKey(u.network()), lowerLr(u.network()))));
            }
            if (!Double.isNaN(fraction)) {
                state.over = fraction > thresholds.deadFraction();
            }
            if (state.seen && fraction - state.lastFraction > thresholds.deadRise()) {
                rising.add(alert(DEAD_RISING, iteration, String.format(Locale.ROOT,
                        "%s: dead units rose from %s%% to %s%% (+%s points, threshold +%s) between iterations %d and "
                                + "%d; ReLU units there are dying: consider %s or leakyrelu (%s)",
                        key, percent(state.lastFraction), percent(fraction), percent(fraction - state.lastFraction),
                        percent(thresholds.deadRise()), state.lastIteration, iteration, lowerLr(u.network()),
                        activationKey(u.network()))));
            }
            state.seen = true;
            state.lastFraction = fraction;
            state.lastIteration = iteration;
        }
        List<Alert> alerts = new ArrayList<>(dead);
        alerts.addAll(rising);
        overpowering(snapshot).ifPresent(alerts::add);
        gradientVanishing(snapshot).ifPresent(alerts::add);
        return alerts;
    }

    private Optional<Alert> overpowering(CheckSnapshot s) {
        boolean overpowered = s.dReal() > thresholds.dRealAbove() && s.dFake() < thresholds.dFakeBelow();
        // Capped one past the length, so a long streak neither fires again nor overflows.
        overpowerStreak = overpowered ? Math.min(overpowerStreak + 1, thresholds.overpowerChecks() + 1) : 0;
        if (overpowerStreak != thresholds.overpowerChecks()) {
            return Optional.empty();
        }
        return Optional.of(alert(D_OVERPOWERING, s.iteration(), String.format(Locale.ROOT,
                "D overpowers G at iteration %d: D(x) = %.3f > %s and D(G(z)) = %.3f < %s for %d consecutive checks; "
                        + "a D this sure passes G almost no gradient: consider a lower train.d.lr, a higher "
                        + "train.g.lr, or train.dStepsPerGStep 1",
                s.iteration(), s.dReal(), plain(thresholds.dRealAbove()), s.dFake(), plain(thresholds.dFakeBelow()),
                thresholds.overpowerChecks())));
    }

    private Optional<Alert> gradientVanishing(CheckSnapshot s) {
        boolean wasLow = gSignalLow;
        if (!Double.isNaN(s.gSignal())) {
            gSignalLow = s.gSignal() < thresholds.gSignalBelow();
        }
        if (!gSignalLow || wasLow) {
            return Optional.empty();
        }
        return Optional.of(alert(G_GRADIENT_VANISHING, s.iteration(), String.format(Locale.ROOT,
                "G's gradient is vanishing at iteration %d: mean per-sample norm of dLoss/dG(z) is %.2e (threshold "
                        + "%.2e) with D(x) = %.3f, D(G(z)) = %.3f; G is barely learning: consider a lower train.d.lr "
                        + "or a higher train.g.lr",
                s.iteration(), s.gSignal(), thresholds.gSignalBelow(), s.dReal(), s.dFake())));
    }

    private Alert alert(String rule, long iteration, String message) {
        return new Alert(rule, policy(rule), iteration, message);
    }

    /** {@code "train.d.lr"} for D, {@code "train.g.lr"} for G; a generic phrase for other network names. */
    private static String lowerLr(String network) {
        String side = side(network);
        return side == null ? "a lower learning rate for " + network : "a lower train." + side + ".lr";
    }

    private static String activationKey(String network) {
        String side = side(network);
        return side == null ? network + "'s activation"
                : "model." + (side.equals("g") ? "generator" : "discriminator") + ".activation";
    }

    private static String side(String network) {
        return switch (network.toLowerCase(Locale.ROOT)) {
            case "g", "generator" -> "g";
            case "d", "discriminator" -> "d";
            default -> null;
        };
    }

    /** 0.414 -> "41.4", 0.3 -> "30": one decimal, none when it is zero. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? plain(100 * fraction, 1) : String.valueOf(fraction);
    }

    private static String plain(double value) {
        return plain(value, 6);
    }

    private static String plain(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static final class LayerState {
        boolean seen;
        boolean over;
        double lastFraction;
        long lastIteration;
    }
}
