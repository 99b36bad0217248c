package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The seed article's three claims, checked against the finished cells, one condition (variant, side, learning
 * rate) at a time, by fixed rules stated in the text, so the verdicts are the data's and not a reader's:
 * <ol>
 *   <li>"ReLU networks at high learning rates end up with 20-40% dead units": held in a condition where the ReLU
 *       network's dead units at the end, over all its layers, are 20% or more (median over the seeds);</li>
 *   <li>"Leaky ReLU eliminates dying": a leaky unit always passes gradient alpha, so no unit of it is dead by
 *       definition; what can be measured is whether it has fewer never-positive units than ReLU has dead ones in the
 *       same condition (worst layer at the end);</li>
 *   <li>"ELU is slower than Leaky ReLU": as time per iteration (ELU slower where its median is more than 5% above
 *       Leaky ReLU's) and as learning (ELU's FD at the end above Leaky ReLU's).</li>
 * </ol>
 */
final class StudyClaims {
    static final double DEAD_CLAIM = 0.20;
    static final double SLOWER_BY = 1.05;

    private StudyClaims() {
    }

    /**
     * One claim checked.
     *
     * @param claim      the article's claim, short
     * @param verdict    in how many conditions it held, and by which rule
     * @param conditions one line per condition: the figures and whether it held there
     */
    record Claim(String claim, String verdict, List<String> conditions) {
        Claim {
            conditions = List.copyOf(conditions);
        }
    }

    /** The three claims, in the article's order, over the conditions of {@code rows} (one of them at least). */
    static List<Claim> check(List<CellRow> rows) {
        Map<String, List<CellRow>> conditions = new LinkedHashMap<>();
        rows.forEach(r -> conditions.computeIfAbsent(r.cell().variant().label() + ", " + r.cell().side()
                + "'s activation, lr " + Cell.lrText(r.cell().lr()), k -> new ArrayList<>()).add(r));
        List<String> dead = new ArrayList<>();
        List<String> leaky = new ArrayList<>();
        List<String> elu = new ArrayList<>();
        int deadHeld = 0;
        int leakyHeld = 0;
        int eluSlower = 0;
        int eluWorse = 0;
        for (Map.Entry<String, List<CellRow>> c : conditions.entrySet()) {
            String net = c.getValue().get(0).network();
            Optional<Double> relu = median(c.getValue(), ActivationType.RELU, r -> r.finalOverall(net));
            Optional<Double> reluWorst = median(c.getValue(), ActivationType.RELU, r -> r.finalMax(net));
            Optional<Double> leakyWorst = median(c.getValue(), ActivationType.LEAKYRELU, r -> r.finalMax(net));
            if (relu.isPresent()) {
                boolean held = relu.get() >= DEAD_CLAIM;
                deadHeld += held ? 1 : 0;
                dead.add(String.format(Locale.ROOT, "%s: ReLU's %s had %s of its units dead at the end (worst layer "
                        + "%s): %s", c.getKey(), net, pct(relu.get()), pct(reluWorst.orElseThrow()),
                        !held ? "did not hold" : relu.get() <= 0.4 ? "held" : "held, and more than 40%"));
            }
            if (reluWorst.isPresent() && leakyWorst.isPresent()) {
                boolean held = leakyWorst.get() < reluWorst.get();
                leakyHeld += held ? 1 : 0;
                leaky.add(String.format(Locale.ROOT, "%s: worst layer at the end, ReLU %s dead, Leaky ReLU %s never "
                        + "positive: %s", c.getKey(), pct(reluWorst.get()), pct(leakyWorst.get()),
                        held ? "fewer under Leaky ReLU" : "not fewer under Leaky ReLU"));
            }
            Optional<Double> eluTime = median(c.getValue(), ActivationType.ELU, CellResult::secondsPerIteration);
            Optional<Double> leakyTime = median(c.getValue(), ActivationType.LEAKYRELU,
                    CellResult::secondsPerIteration);
            Optional<Double> eluFd = median(c.getValue(), ActivationType.ELU, r -> r.fd().orElse(Double.NaN));
            Optional<Double> leakyFd = median(c.getValue(), ActivationType.LEAKYRELU, r -> r.fd().orElse(Double.NaN));
            if (eluTime.isPresent() && leakyTime.isPresent()) {
                boolean slower = eluTime.get() > SLOWER_BY * leakyTime.get();
                boolean worse = eluFd.isPresent() && leakyFd.isPresent() && eluFd.get() > leakyFd.get();
                eluSlower += slower ? 1 : 0;
                eluWorse += worse ? 1 : 0;
                elu.add(String.format(Locale.ROOT, "%s: seconds per iteration ELU %.4f, Leaky ReLU %.4f (%s); FD at "
                        + "the end ELU %s, Leaky ReLU %s (%s)", c.getKey(), eluTime.get(), leakyTime.get(),
                        slower ? "ELU slower" : "ELU not slower by more than 5%", eluFd.map(StudyClaims::fd)
                                .orElse("none"), leakyFd.map(StudyClaims::fd).orElse("none"),
                        worse ? "ELU learnt less" : "ELU learnt as much or more"));
            }
        }
        return List.of(
                new Claim("ReLU at high learning rates ends with 20-40% dead units", String.format(Locale.ROOT,
                        "held in %d of %d conditions (20%% or more of the network's units dead at the end, median of "
                                + "the seeds).", deadHeld, dead.size()), dead),
                new Claim("Leaky ReLU eliminates dying", String.format(Locale.ROOT, "no leaky unit is dead by "
                        + "definition (it passes gradient alpha); fewer never-positive units than ReLU's dead ones in "
                        + "%d of %d conditions.", leakyHeld, leaky.size()), leaky),
                new Claim("ELU is slower than Leaky ReLU", String.format(Locale.ROOT, "per iteration in %d of %d "
                        + "conditions (more than 5%% slower; the cores were shared unless the study ran alone); in "
                        + "learning (higher FD at the end) in %d of %d.", eluSlower, elu.size(), eluWorse,
                        elu.size()), elu));
    }

    /** The claims as study.md's numbered list, each condition a bullet under its claim. */
    static String markdown(List<CellRow> rows) {
        StringBuilder out = new StringBuilder();
        List<Claim> claims = check(rows);
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            out.append(i == 0 ? "" : "\n").append(i + 1).append(". **").append(c.claim()).append(":** ")
                    .append(c.verdict()).append("\n\n");
            c.conditions().forEach(l -> out.append("- ").append(l).append('\n'));
        }
        return out.toString();
    }

    /** The median of a figure over the finished seeds of one activation; empty without one. */
    private static Optional<Double> median(List<CellRow> condition, ActivationType activation,
                                           ToDoubleFunction<CellResult> figure) {
        List<Double> values = condition.stream().filter(r -> r.cell().activation() == activation)
                .flatMap(r -> r.result().stream()).map(figure::applyAsDouble).filter(v -> !Double.isNaN(v)).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(CellRecords.median(values));
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String fd(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
