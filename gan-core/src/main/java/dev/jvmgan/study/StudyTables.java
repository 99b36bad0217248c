package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The study's two tables: {@code study.tsv}, one line per cell for other tools, and the markdown table of
 * {@code study.md}, one row per cell without its seed, with the median over the seeds and each seed's value.
 */
public final class StudyTables {
    /** The columns of study.tsv, in order. */
    public static final List<String> TSV_COLUMNS = List.of("side", "activation", "lr", "batchNorm", "architecture",
            "variant", "seed", "iterations", "status", "run", "checks", "finalMaxFraction", "finalMaxLayer",
            "peakFraction", "peakIteration", "finalDeadForWindow", "finalInputsNonPositive", "layers",
            "otherNetworkFinalMax", "fd", "fdImages", "secondsPerIteration");

    private StudyTables() {
    }

    /**
     * One header line and one line per cell, tab-separated. The fractions are of the varied network's layers
     * (never positive; for ReLU that is dead): {@code finalMaxFraction} the largest at the last check and its layer,
     * {@code peakFraction} the largest at any check and the first iteration it was reached,
     * {@code finalInputsNonPositive} the largest per-layer mean share of inputs &lt;= 0 at the last check (how near
     * the layer is to dying), {@code layers} each layer's {@code final/peak}. Fields of a cell not finished are empty.
     */
    public static String tsv(List<CellRow> rows) {
        StringBuilder out = new StringBuilder(String.join("\t", TSV_COLUMNS)).append('\n');
        for (CellRow row : rows) {
            Cell c = row.cell();
            List<String> f = new ArrayList<>(List.of(c.side().name(), Cell.name(c.activation()), Cell.lrText(c.lr()),
                    Boolean.toString(c.variant().batchNorm()), c.variant().architecture(), c.variant().label(),
                    Long.toString(c.seed()), Integer.toString(c.iterations()), row.status(),
                    row.run().map(p -> p.getFileName().toString()).orElse("")));
            if (row.result().isPresent()) {
                CellResult r = row.result().get();
                String net = row.network();
                CellResult.LayerTrace peakLayer = r.layersOf(net).stream()
                        .filter(l -> l.peakFraction() == r.peak(net)).findFirst().orElse(null);
                f.addAll(List.of(Integer.toString(r.checks()), fraction(r.finalMax(net)), r.finalMaxLayer(net),
                        fraction(r.peak(net)), peakLayer == null ? "" : Long.toString(peakLayer.peakIteration()),
                        fraction(r.finalDeadForWindow(net)), fraction(r.finalMeanNonPositiveMax(net)),
                        r.layersOf(net).stream().map(l -> l.layer() + "=" + fraction(l.finalFraction()) + "/"
                                + fraction(l.peakFraction())).collect(Collectors.joining(",")),
                        fraction(r.finalMax(row.otherNetwork())),
                        r.fd().isPresent() ? String.format(Locale.ROOT, "%.3f", r.fd().getAsDouble()) : "",
                        Integer.toString(r.fdImages()), String.format(Locale.ROOT, "%.4f", r.secondsPerIteration())));
            } else {
                while (f.size() < TSV_COLUMNS.size()) {
                    f.add("");
                }
            }
            out.append(String.join("\t", f)).append('\n');
        }
        return out.toString();
    }

    /**
     * The markdown table: one row per variant, side, learning rate and activation; each figure as the median over
     * the seeds with every seed's value in brackets ({@code 31.3% (25.0%, 37.5%)}), a seed whose training broke
     * (no FD) as {@code broke}, one not finished as {@code -}.
     */
    public static String markdown(List<CellRow> rows) {
        Map<String, List<CellRow>> groups = new LinkedHashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(groupKey(r.cell()), k -> new ArrayList<>()).add(r));
        StringBuilder out = new StringBuilder("| architecture | batch norm | side | lr | activation | never positive "
                + "at "
                + "the end, worst layer (dead for ReLU) | never positive, worst check | ReLU units dead for the "
                + "window | other network, worst layer at the end | FD at the end | seconds per iteration |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (List<CellRow> group : groups.values()) {
            Cell c = group.get(0).cell();
            String net = group.get(0).network();
            String other = group.get(0).otherNetwork();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    c.variant().label(), c.variant().batchNorm() ? "yes" : "no", c.side(), Cell.lrText(c.lr()),
                    Cell.name(c.activation()),
                    seeds(group, r -> r.finalMax(net), StudyTables::percent),
                    seeds(group, r -> r.peak(net), StudyTables::percent),
                    c.activation() == ActivationType.RELU
                            ? seeds(group, r -> r.finalDeadForWindow(net), StudyTables::percent) : "n/a",
                    seeds(group, r -> r.finalMax(other), StudyTables::percent),
                    seeds(group, r -> r.fd().orElse(Double.NaN), v -> String.format(Locale.ROOT, "%.1f", v))
                            + fdCount(group),
                    seeds(group, CellResult::secondsPerIteration, v -> String.format(Locale.ROOT, "%.3f", v))));
        }
        return out.toString();
    }

    static String groupKey(Cell c) {
        return c.variant() + "/" + c.side() + "/" + c.lr() + "/" + c.activation();
    }

    /** {@code median (seed1, seed2, ...)}; {@code -} for a seed without a finished run. */
    static String seeds(List<CellRow> group, ToDoubleFunction<CellResult> value,
                        java.util.function.DoubleFunction<String> format) {
        List<Double> finished = new ArrayList<>();
        List<String> each = new ArrayList<>();
        for (CellRow row : group) {
            double v = row.result().isPresent() ? value.applyAsDouble(row.result().get()) : Double.NaN;
            if (!Double.isNaN(v)) {
                finished.add(v);
                each.add(format.apply(v));
            } else if (row.state() == CellRecords.State.BROKE || row.state() == CellRecords.State.FAILED) {
                each.add(row.status());
            } else {
                each.add("-");
            }
        }
        if (finished.isEmpty()) {
            return each.contains("broke") ? "broke" : each.contains("failed") ? "failed" : "not run";
        }
        String median = format.apply(CellRecords.median(finished));
        return group.size() == 1 ? median : median + " (" + String.join(", ", each) + ")";
    }

    private static String fdCount(List<CellRow> group) {
        OptionalDouble n = group.stream().filter(r -> r.result().isPresent())
                .mapToDouble(r -> r.result().get().fdImages()).max();
        return n.isPresent() && n.getAsDouble() > 0 ? String.format(Locale.ROOT, ", n = %,d", (int) n.getAsDouble())
                : "";
    }

    static String fraction(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }
}
