package dev.jvmgan.study;

import dev.jvmgan.report.PageParts;
import dev.jvmgan.report.RunReport;
import dev.jvmgan.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a study writes besides its runs, from the run directories alone, so it can be written again at any
 * time: {@value #HTML} (the whole study on one page, {@link StudyHtml}), {@value #TSV}, {@value #MD}, the charts in
 * {@value #CHARTS}/ ({@link StudyCharts}) and one comparison page of {@code gan report} per variant, side and
 * learning rate ({@code compare-mlp4-D-lr5e-3.html}: the runs' losses, G's signal, FD and final grids side by side,
 * each linking to its run's own report).
 */
public final class StudySummary {
    public static final String TSV = "study.tsv";
    public static final String MD = "study.md";
    /** The combined page: {@link StudyHtml}. */
    public static final String HTML = "study.html";
    public static final String CHARTS = "charts";

    private StudySummary() {
    }

    /** Writes the summary of {@code plan}'s runs under {@code out}; returns the rows it read. */
    public static List<CellRow> write(StudyPlan plan, Path out, Consumer<String> say) throws IOException {
        Files.createDirectories(out.resolve(CHARTS));
        List<CellRow> rows = CellRow.read(plan, out.resolve(StudyRunner.RUNS));
        RunDirectory.writeAtomically(out.resolve(TSV), StudyTables.tsv(rows));
        List<Path> charts = new ArrayList<>();
        Map<String, Path> pages = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            for (Cell.Side side : Cell.Side.values()) {
                List<CellRow> mine = rows.stream().filter(r -> r.cell().variant() == variant
                        && r.cell().side() == side).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                double highest = mine.stream().mapToDouble(r -> r.cell().lr()).max().orElseThrow();
                charts.add(StudyCharts.dead(mine, variant, side, highest, out.resolve(CHARTS)));
                charts.add(StudyCharts.fd(mine, variant, side, out.resolve(CHARTS)));
                for (double lr : mine.stream().map(r -> r.cell().lr()).distinct().sorted().toList()) {
                    Set<Path> runs = new LinkedHashSet<>();
                    mine.stream().filter(r -> r.cell().lr() == lr && r.result().isPresent())
                            .forEach(r -> runs.add(r.run().orElseThrow()));
                    if (runs.size() >= 2) {
                        Path page = out.resolve(String.format(Locale.ROOT, "compare-%s-%s-lr%s.html", variant.label(),
                                side, Cell.lrText(lr)));
                        RunReport.compare(List.copyOf(runs), page);
                        pages.put(String.format(Locale.ROOT, "%s, %s's activation, lr %s", variant.label(), side,
                                Cell.lrText(lr)), page);
                    }
                }
            }
        }
        RunDirectory.writeAtomically(out.resolve(MD), StudyPage.markdown(plan, rows, out, charts, pages));
        PageParts.write(out.resolve(HTML), StudyHtml.page(plan, rows, out, charts, pages));
        say.accept("wrote " + out.resolve(HTML) + " (the whole study on one page), " + out.resolve(TSV) + ", "
                + out.resolve(MD) + ", " + charts.size() + " charts and " + pages.size() + " comparison pages");
        return rows;
    }
}
