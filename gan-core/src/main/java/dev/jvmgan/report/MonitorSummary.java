package dev.jvmgan.report;

import dev.jvmgan.config.LossConfig;
import dev.jvmgan.config.RunConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "What the monitors saw": a few plain sentences drawn from the alert, monitor, train and eval records, each a
 * fact with its iteration, so a reader knows where to look before reading a chart. Sentences are HTML-escaped.
 */
final class MonitorSummary {
    private MonitorSummary() {
    }

    static List<String> sentences(RunRecords r, Optional<RunConfig> config) {
        List<String> out = new ArrayList<>();
        List<RunRecords.Check> checks = r.checks();
        if (checks.isEmpty()) {
            out.add("No monitor checks in this run" + (config.map(c -> c.monitors().every() == 0).orElse(false)
                    ? " (monitors.every is 0)." : "."));
        } else {
            out.add(checks.size() + " monitor checks, from iteration " + checks.get(0).iteration() + " to "
                    + checks.get(checks.size() - 1).iteration() + ".");
        }
        out.add(alerts(r));
        if (!checks.isEmpty()) {
            out.add(units(checks));
            out.add(signal(checks, config));
            out.add(gradients(checks));
            out.add(overpowering(checks, config));
        }
        classHead(r.train()).ifPresent(out::add);
        quality(r).ifPresent(out::add);
        if (!r.resumes().isEmpty()) {
            RunRecords.ResumeRecord first = r.resumes().get(0);
            out.add("Resumed " + times(r.resumes().size()) + ", first at iteration " + first.iteration() + " from "
                    + first.checkpoint() + ".");
        }
        if (r.unreadableLines() > 0) {
            out.add(r.unreadableLines() + " line(s) of metrics.jsonl were not JSON (a write cut short) and are left out.");
        }
        return out.stream().map(Html::esc).toList();
    }

    /**
     * D's outputs at the last check and how often they passed d-overpowering's thresholds, on the run's loss's
     * scale (the config's written thresholds, else the loss's own; the DCGAN default's 0.95 and 0.05 without a
     * config); a critic's scores have no such thresholds, so only their gap is told.
     */
    private static String overpowering(List<RunRecords.Check> checks, Optional<RunConfig> config) {
        RunRecords.Check last = checks.get(checks.size() - 1);
        LossConfig loss = config.map(c -> c.train().loss()).orElse(LossConfig.of(LossConfig.Type.NS));
        String at = "At the last check (iteration " + last.iteration() + ") ";
        Optional<LossConfig.Overpowering> auto = loss.overpowering();
        if (auto.isEmpty()) {
            return at + "the critic's gap D(x) - D(G(z)) was " + Html.num(last.dReal() - last.dFake())
                    + " (" + loss.type().yamlName() + ": a critic's scores mean something only as a difference).";
        }
        double realAbove = config.flatMap(c -> box(c.monitors().alerts().dRealAbove())).orElse(auto.get().realAbove());
        double fakeBelow = config.flatMap(c -> box(c.monitors().alerts().dFakeBelow())).orElse(auto.get().fakeBelow());
        String scale = loss.type().outputs() == LossConfig.Outputs.PROBABILITY ? "" : ", raw outputs";
        String rule = "(D(x) > " + Html.num(realAbove) + " with D(G(z)) < " + Html.num(fakeBelow) + scale + ")";
        long overpowered = checks.stream().filter(c -> c.dReal() > realAbove && c.dFake() < fakeBelow).count();
        return at + "D(x) was " + Html.num(last.dReal()) + " and D(G(z)) " + Html.num(last.dFake())
                + (overpowered == 0 ? "; D never overpowered G " + rule + "."
                : "; D overpowered G " + rule + " at " + overpowered + " of " + checks.size() + " checks.");
    }

    private static Optional<Double> box(java.util.OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    /** With ACGAN's class head: its accuracies on real and on G's images, first and last train record. */
    private static Optional<String> classHead(List<RunRecords.Train> train) {
        List<RunRecords.Train> withHead = train.stream().filter(RunRecords.Train::hasClassHead).toList();
        if (withHead.isEmpty()) {
            return Optional.empty();
        }
        RunRecords.Train first = withHead.get(0);
        RunRecords.Train last = withHead.get(withHead.size() - 1);
        return Optional.of("D's class head (ACGAN) filed " + Html.percent(last.classAccuracyReal())
                + " of real images and " + Html.percent(last.classAccuracyFake())
                + " of G's images under their class by iteration " + last.iteration() + " (" + Html.percent(first.classAccuracyReal()) + " and "
                + Html.percent(first.classAccuracyFake()) + " at iteration " + first.iteration() + ").");
    }

    private static String alerts(RunRecords r) {
        if (r.alerts().isEmpty()) {
            return "No alert was raised.";
        }
        Map<String, List<RunRecords.AlertRecord>> byRule = new LinkedHashMap<>();
        r.alerts().forEach(a -> byRule.computeIfAbsent(a.rule(), k -> new ArrayList<>()).add(a));
        List<String> parts = new ArrayList<>();
        byRule.forEach((rule, list) -> parts.add(rule + " " + times(list.size()) + " (first at iteration "
                + list.get(0).iteration() + ": " + list.get(0).message() + ")"));
        boolean stopped = r.alerts().stream().anyMatch(a -> "stop".equals(a.policy()));
        return r.alerts().size() + (r.alerts().size() == 1 ? " alert: " : " alerts: ") + String.join("; ", parts)
                + (stopped ? ". An alert with policy stop ended the run." : ".");
    }

    private static String units(List<RunRecords.Check> checks) {
        RunRecords.Units worst = null;
        long worstAt = 0;
        for (RunRecords.Check c : checks) {
            for (RunRecords.Units u : c.units()) {
                if (worst == null || u.neverPositiveFraction() > worst.neverPositiveFraction()) {
                    worst = u;
                    worstAt = c.iteration();
                }
            }
        }
        if (worst == null) {
            return "No activation layer was monitored.";
        }
        String first;
        if (worst.neverPositiveFraction() > 0) {
            first = "The highest share of units " + worst.label() + " was " + Html.percent(worst.neverPositiveFraction())
                    + " in " + worst.name() + " at iteration " + worstAt + ".";
        } else {
            first = "No unit of any monitored layer was ever dead or never positive.";
        }
        // Closest to dying: the layer whose share of inputs <= 0 ends highest.
        List<RunRecords.Units> lastUnits = checks.get(checks.size() - 1).units();
        Optional<RunRecords.Units> nearest = lastUnits.stream()
                .filter(u -> Double.isFinite(u.meanNonPositive()))
                .max(Comparator.comparingDouble(RunRecords.Units::meanNonPositive));
        return nearest.map(u -> first + " Closest to dying at the end: " + u.name() + ", whose units had "
                + Html.percent(u.meanNonPositive()) + " of their inputs <= 0 (from "
                + Html.percent(firstMeanNonPositive(checks, u.name())) + " at the first check).").orElse(first);
    }

    private static double firstMeanNonPositive(List<RunRecords.Check> checks, String name) {
        for (RunRecords.Check c : checks) {
            for (RunRecords.Units u : c.units()) {
                if (u.name().equals(name)) {
                    return u.meanNonPositive();
                }
            }
        }
        return Double.NaN;
    }

    private static String signal(List<RunRecords.Check> checks, Optional<RunConfig> config) {
        RunRecords.Check min = checks.stream().filter(c -> Double.isFinite(c.gSignal()))
                .min(Comparator.comparingDouble(RunRecords.Check::gSignal)).orElse(null);
        if (min == null) {
            return "G's signal (the gradient reaching G through D) was not recorded.";
        }
        String threshold = config.map(c -> " (alert below " + Html.num(c.monitors().alerts().gSignalBelow()) + ")")
                .orElse("");
        return "G's signal, the gradient reaching G through D, went from " + Html.num(checks.get(0).gSignal())
                + " to " + Html.num(checks.get(checks.size() - 1).gSignal()) + ", lowest " + Html.num(min.gSignal())
                + " at iteration " + min.iteration() + threshold + ".";
    }

    private static String gradients(List<RunRecords.Check> checks) {
        Map<String, long[]> flagged = new LinkedHashMap<>();
        for (RunRecords.Check c : checks) {
            for (RunRecords.Gradient g : c.gradients()) {
                if (g.vanishing() || g.exploding()) {
                    String key = g.network() + " " + g.layer() + "/" + g.param() + (g.exploding() ? " exploding"
                            : " vanishing");
                    flagged.computeIfAbsent(key, k -> new long[]{c.iteration(), 0})[1]++;
                }
            }
        }
        if (flagged.isEmpty()) {
            return "No parameter's gradient was flagged vanishing or exploding.";
        }
        List<String> parts = new ArrayList<>();
        flagged.forEach((key, v) -> parts.add(key + " at " + v[1] + " check(s), first at iteration " + v[0]));
        return "Flagged gradients: " + String.join("; ", parts) + ".";
    }

    private static Optional<String> quality(RunRecords r) {
        return QualitySection.best(r.quality()).map(best -> "Best " + QualitySection.label(QualityRecord.FD) + ": "
                + Html.num(best.get(QualityRecord.FD).orElse(Double.NaN)) + " at iteration " + best.iteration()
                + " (" + r.quality().size() + " evaluations).");
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
