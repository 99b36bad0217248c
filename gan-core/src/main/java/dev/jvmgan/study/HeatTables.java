package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.report.PageParts;
import dev.jvmgan.report.RunReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * The heat tables of {@code study.html}: for one variant and side, activation x learning rate, each cell the median
 * over its finished seeds of one figure, coloured by value on the report's sequential scale (light low, dark high:
 * dark is bad for both figures), a cell with no finished seed marked by its state, and each cell linking to its
 * runs' {@code report.html}.
 */
final class HeatTables {
    /** One figure of a finished run, with how it is written and the range its colour spans. */
    record Figure(String id, String title, ToDoubleFunction<CellResult> value, DoubleFunction<String> format,
                  boolean fixedUnitRange) {
    }

    private HeatTables() {
    }

    /** The never-positive (ReLU: dead) fraction of the varied network's worst layer at the last check. */
    static Figure deadFraction(Cell.Side side) {
        return new Figure("dead", side + "'s worst layer never positive at the end (ReLU: dead)",
                r -> r.finalMax(side.name()), StudyTables::percent, true);
    }

    /** The FD at the last iteration. */
    static Figure fd() {
        return new Figure("fd", "FD at the end (lower is better)", r -> r.fd().orElse(Double.NaN),
                v -> String.format(Locale.ROOT, "%.1f", v), false);
    }

    /**
     * The table of {@code figure} over {@code rows} (one variant and side), its links relative to {@code page}'s
     * directory.
     */
    static String table(List<CellRow> rows, Figure figure, Path pageDirectory) {
        List<Double> lrs = rows.stream().map(r -> r.cell().lr()).distinct().sorted().toList();
        // The colours span the medians the cells show, not the seeds' values behind them.
        List<Double> all = new ArrayList<>();
        for (ActivationType activation : ActivationType.values()) {
            for (double lr : lrs) {
                List<Double> seeds = rows.stream().filter(r -> r.cell().activation() == activation
                        && r.cell().lr() == lr).flatMap(r -> finishedValue(r, figure).stream()).toList();
                if (!seeds.isEmpty()) {
                    all.add(CellRecords.median(seeds));
                }
            }
        }
        double lo = figure.fixedUnitRange() ? 0 : all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = figure.fixedUnitRange() ? 1 : all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder t = new StringBuilder("<figure class=\"heat\" data-figure=\"" + figure.id() + "\"><figcaption>"
                + PageParts.escape(figure.title()) + "</figcaption><table class=\"heat\"><thead><tr><th>activation</th>");
        lrs.forEach(lr -> t.append("<th>lr ").append(Cell.lrText(lr)).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (ActivationType activation : ActivationType.values()) {
            List<CellRow> mine = rows.stream().filter(r -> r.cell().activation() == activation).toList();
            if (mine.isEmpty()) {
                continue;
            }
            t.append("<tr><th>").append(Cell.name(activation)).append("</th>");
            for (double lr : lrs) {
                List<CellRow> seeds = mine.stream().filter(r -> r.cell().lr() == lr).toList();
                t.append(seeds.isEmpty() ? "<td></td>" : cell(seeds, figure, lo, hi, pageDirectory));
            }
            t.append("</tr>");
        }
        t.append("</tbody></table><p class=\"note\">Median over the finished seeds; ")
                .append(figure.fixedUnitRange() ? "colour from 0% (light) to 100% (dark)"
                        : all.isEmpty() ? "no values yet" : "colour from " + figure.format().apply(lo) + " (light) to "
                        + figure.format().apply(hi) + " (dark)")
                .append(". Each seed links to its run's report.</p></figure>");
        return t.toString();
    }

    private static String cell(List<CellRow> seeds, Figure figure, double lo, double hi, Path pageDirectory) {
        List<Double> values = new ArrayList<>();
        List<String> each = new ArrayList<>();
        List<String> notFinished = new ArrayList<>();
        for (CellRow row : seeds) {
            Optional<Double> v = finishedValue(row, figure);
            v.ifPresent(values::add);
            each.add("seed " + row.cell().seed() + ": " + v.map(figure.format()::apply).orElse(row.status()));
            if (row.state() != CellRecords.State.FINISHED) {
                notFinished.add("s" + row.cell().seed() + " " + row.status());
            }
        }
        Cell first = seeds.get(0).cell();
        String state = !values.isEmpty() ? "finished" : worst(seeds);
        StringBuilder td = new StringBuilder("<td class=\"" + state + "\" data-activation=\"" + Cell.name(first
                .activation()) + "\" data-lr=\"" + Cell.lrText(first.lr()) + "\" data-state=\"" + state + "\"");
        if (!values.isEmpty()) {
            double median = CellRecords.median(values);
            double t = hi > lo ? (median - lo) / (hi - lo) : 0.5;
            td.append(" data-value=\"").append(median).append("\" style=\"").append(PageParts.heatStyle(t))
                    .append("\"");
        }
        td.append(" title=\"").append(PageParts.escape(String.join("; ", each))).append("\"><span class=\"value\">")
                .append(values.isEmpty() ? state : figure.format().apply(CellRecords.median(values)))
                .append("</span>");
        if (!values.isEmpty() && !notFinished.isEmpty()) {
            td.append("<span class=\"mark\">").append(PageParts.escape(String.join(", ", notFinished)))
                    .append("</span>");
        }
        td.append("<span class=\"runs\">");
        for (CellRow row : seeds) {
            Optional<Path> report = row.run().map(r -> r.resolve(RunReport.FILE)).filter(Files::isRegularFile);
            String label = "s" + row.cell().seed();
            td.append(report.isPresent() ? "<a href=\"" + PageParts.escape(StudyPage.link(pageDirectory,
                    report.get())) + "\">" + label + "</a>" : "<span>" + label + "</span>").append(' ');
        }
        return td.append("</span></td>").toString();
    }

    /** The figure of a finished run; empty for any other state or a figure it does not have (NaN). */
    static Optional<Double> finishedValue(CellRow row, Figure figure) {
        if (row.state() != CellRecords.State.FINISHED || row.result().isEmpty()) {
            return Optional.empty();
        }
        double v = figure.value().applyAsDouble(row.result().get());
        return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
    }

    /** The state a cell without a finished seed shows: failed before broke before unfinished before not run. */
    private static String worst(List<CellRow> seeds) {
        for (String state : List.of("failed", "broke", "unfinished")) {
            if (seeds.stream().anyMatch(r -> r.status().equals(state))) {
                return state;
            }
        }
        return "pending";
    }
}
