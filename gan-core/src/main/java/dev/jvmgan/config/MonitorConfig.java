package dev.jvmgan.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Discriminator/generator health monitors: cadence and thresholds. Every {@code every} iterations the monitors
 * look at each layer of D and G for dead ReLU units and at each parameter's gradient norm, and raise the
 * {@link AlertConfig alerts}.
 *
 * @param every          iterations between checks; 0 turns the monitors off (0..1000000)
 * @param window         consecutive checks a ReLU unit must stay dead (never positive over a check's batch) to
 *                       count as dead, so one unlucky batch does not condemn it (1..1000)
 * @param chartEvery     iterations between chart PNG refreshes; the charts are also drawn at the end (&gt;= 1)
 * @param vanishingBelow a parameter's gradient L2 norm below this is flagged vanishing (&gt;= 0)
 * @param explodingAbove a parameter's gradient L2 norm above this is flagged exploding (&gt; vanishingBelow)
 * @param alerts         when a finding becomes an alert, and what an alert does
 */
public record MonitorConfig(int every, int window, int chartEvery, double vanishingBelow, double explodingAbove,
                            AlertConfig alerts) {

    static final Bound EVERY = Bound.between(0, 1_000_000);
    static final Bound WINDOW = Bound.between(1, 1000);
    static final Bound CHART_EVERY = Bound.atLeast(1);
    static final Bound GRADIENT_NORM = Bound.atLeast(0);

    /** A check every 50 iterations, as often as the metrics are logged; a unit must stay dead for 5 checks. */
    static final Schema<MonitorConfig> SCHEMA = Schema.of(MonitorConfig.class,
                    Key.integer("every", 50, EVERY).booleanHint("write 0 to turn the monitors off, or the "
                            + "iterations between checks (e.g. 50)"),
                    Key.integer("window", 5, WINDOW),
                    Key.integer("chartEvery", 500, CHART_EVERY),
                    Key.number("vanishingBelow", 1.0e-7, GRADIENT_NORM),
                    Key.number("explodingAbove", 1.0e3, GRADIENT_NORM),
                    Key.section("alerts", AlertConfig.SCHEMA))
            .rule(List.of("vanishingBelow", "explodingAbove"), (values, written) -> {
                // Two values valid on their own can still contradict each other: blame the one the user wrote.
                boolean blameVanishing = written.test("vanishingBelow") && !written.test("explodingAbove");
                return normRangeProblem(blameVanishing, (double) values.get("vanishingBelow"),
                        (double) values.get("explodingAbove")).map(message -> new ConfigRule.Violation(
                        blameVanishing ? "vanishingBelow" : "explodingAbove", message));
            });

    public MonitorConfig {
        EVERY.require("every", every);
        WINDOW.require("window", window);
        CHART_EVERY.require("chartEvery", chartEvery);
        GRADIENT_NORM.require("vanishingBelow", vanishingBelow);
        GRADIENT_NORM.require("explodingAbove", explodingAbove);
        normRangeProblem(false, vanishingBelow, explodingAbove).ifPresent(message -> {
            throw new IllegalArgumentException("explodingAbove: " + message);
        });
        Objects.requireNonNull(alerts, "alerts");
    }

    /** True unless {@code every} is 0. */
    public boolean enabled() {
        return every > 0;
    }

    /**
     * The one constraint between two components: a norm cannot be both vanishing and exploding. The message blames
     * {@code vanishingBelow} or {@code explodingAbove}, whichever the user changed.
     */
    static Optional<String> normRangeProblem(boolean blameVanishing, double vanishingBelow, double explodingAbove) {
        if (explodingAbove > vanishingBelow) {
            return Optional.empty();
        }
        return Optional.of(blameVanishing
                ? Bound.format(vanishingBelow) + " must be < explodingAbove (" + Bound.format(explodingAbove) + ")"
                : Bound.format(explodingAbove) + " must be > vanishingBelow (" + Bound.format(vanishingBelow) + ")");
    }
}
