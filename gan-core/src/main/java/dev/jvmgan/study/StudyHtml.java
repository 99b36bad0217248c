package dev.jvmgan.study;

import dev.jvmgan.report.PageParts;
import dev.jvmgan.run.RunInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code study.html}, the whole study on one self-contained page in the run report's frame ({@link PageParts}: no
 * network, inline CSS, images as {@code data:} URIs): the plan and how far it got, the claims checked, per variant
 * and side the heat tables of {@link HeatTables}, the charts, and links to the comparison pages and every run's
 * report. All links are relative, so the study directory can be moved or copied whole.
 */
final class StudyHtml {
    /** The heat tables' look, on top of the report's stylesheet: a cell's colour is its inline style. */
    private static final String CSS = """
            table.heat th, table.heat td { text-align: center; padding: 3px 8px; border: 1px solid #fff; }
            table.heat tbody th { text-align: right; }
            table.heat td { min-width: 92px; font-variant-numeric: tabular-nums; }
            table.heat td .value { display: block; font-weight: 600; }
            table.heat td .mark { display: block; font-size: 11px; }
            table.heat td .runs { display: block; font-size: 11px; }
            table.heat td .runs a { color: inherit; }
            table.heat td.broke, table.heat td.failed, table.heat td.unfinished, table.heat td.pending {
              background: repeating-linear-gradient(45deg, #eef0f3 0 6px, #fff 6px 12px); color: #5f6b7a; }
            table.heat td.failed .value { color: #a33a00; }
            figure.heat { margin: 0 0 8px; }
            figure.study-chart img { max-width: 100%; height: auto; display: block; border: 1px solid #dde2e8; }
            tr.failed td:nth-child(2) { color: #a33a00; font-weight: 600; }
            """;

    private StudyHtml() {
    }

    /**
     * @param out    the study's directory, where the page goes
     * @param charts the PNG charts, embedded in the page
     * @param pages  the comparison pages by what they compare
     */
    static String page(StudyPlan plan, List<CellRow> rows, Path out, List<Path> charts, Map<String, Path> pages)
            throws IOException {
        Map<String, String> nav = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder("<style>").append(CSS).append("</style>");
        add(body, nav, "plan", "Plan and progress", plan(plan, rows));
        add(body, nav, "claims", "The claims", claims(rows));
        for (Variant variant : Variant.values()) {
            for (Cell.Side side : Cell.Side.values()) {
                List<CellRow> mine = rows.stream().filter(r -> r.cell().variant() == variant
                        && r.cell().side() == side).toList();
                if (!mine.isEmpty()) {
                    add(body, nav, "cells-" + variant.label() + "-" + side, variant.label() + ", " + side,
                            cells(mine, variant, side, out));
                }
            }
        }
        add(body, nav, "charts", "Charts", charts(charts));
        add(body, nav, "pages", "Comparison pages", comparisons(pages, out));
        add(body, nav, "troubles", "Broke or failed", troubles(rows, out));
        return PageParts.page("Activation study (" + plan.name() + ")", counts(rows), nav, body.toString());
    }

    private static void add(StringBuilder body, Map<String, String> nav, String id, String heading, String html) {
        nav.put(id, heading);
        body.append(PageParts.section(id, heading, html));
    }

    /** {@code 16 cells: 13 finished, 2 broke, 1 failed, 0 pending}. */
    static String counts(List<CellRow> rows) {
        Map<String, Long> by = rows.stream().collect(Collectors.groupingBy(CellRow::status, Collectors.counting()));
        long pending = by.getOrDefault("unfinished", 0L) + by.getOrDefault("not run", 0L);
        return String.format(Locale.ROOT, "%d cells: %d finished, %d broke, %d failed, %d pending", rows.size(),
                by.getOrDefault("finished", 0L), by.getOrDefault("broke", 0L), by.getOrDefault("failed", 0L), pending);
    }

    private static String plan(StudyPlan plan, List<CellRow> rows) {
        List<Cell> cells = plan.cells();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("study", plan.name() + " (gan study activations" + (plan.name().equals("quick") ? " --quick" : "")
                + ")");
        facts.put("variants", distinct(cells, c -> c.variant().label() + " (" + c.variant().configFile()
                + (c.variant().batchNorm() ? ", batch norm" : ", no batch norm") + ")"));
        facts.put("sides varied", distinct(cells, c -> c.side() + " (the other at " + Cell.name(c.variant()
                .defaultActivation(c.side() == Cell.Side.D ? Cell.Side.G : Cell.Side.D)) + ")"));
        facts.put("activations", distinct(cells, c -> Cell.name(c.activation())));
        facts.put("learning rates", cells.stream().map(Cell::lr).distinct().sorted().map(Cell::lrText)
                .collect(Collectors.joining(", ")) + " (both Adams)");
        facts.put("seeds", distinct(cells, c -> Long.toString(c.seed())));
        facts.put("iterations", distinct(cells, c -> String.format(Locale.ROOT, "%,d", c.iterations()))
                + " per run, a check every " + Cell.MONITOR_EVERY);
        String networks = StudyPage.featureNetworks(rows);
        String extractor = networks.isEmpty() ? "" : ", feature network " + networks;
        facts.put("FD", distinct(cells, c -> String.format(Locale.ROOT, "%,d", c.evalImages()))
                + " generated images at the last iteration" + extractor);
        facts.put("cells", counts(rows) + "; " + plan.runs().size() + " distinct runs");
        Set<Path> runs = new LinkedHashSet<>();
        rows.forEach(r -> r.run().ifPresent(runs::add));
        double seconds = 0;
        for (Path run : runs) {
            seconds += RunInfo.read(run).map(i -> i.sessions().stream().mapToDouble(RunInfo.Session::trainingSeconds)
                    .sum()).orElse(0.0);
        }
        List<Double> perIteration = rows.stream().filter(r -> r.state() == CellRecords.State.FINISHED)
                .collect(Collectors.toMap(r -> r.run().orElseThrow(), r -> r.result().orElseThrow()
                        .secondsPerIteration(), (a, b) -> a, LinkedHashMap::new)).values().stream()
                .filter(v -> !Double.isNaN(v)).toList();
        facts.put("training time", PageParts.duration(seconds) + " over " + runs.size() + " run directories (run.json)"
                + (perIteration.isEmpty() ? "" : String.format(Locale.ROOT, "; median %.3f s per iteration over the "
                + "%d finished runs (each run's median, wall clock)", CellRecords.median(perIteration),
                perIteration.size())));
        facts.put("written", Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", with study.md and study.tsv");
        StringBuilder dl = new StringBuilder("<dl class=\"facts\">");
        facts.forEach((k, v) -> dl.append("<div><dt>").append(PageParts.escape(k)).append("</dt><dd>")
                .append(PageParts.escape(v)).append("</dd></div>"));
        return dl.append("</dl><p class=\"note\">Each cell is one run of its variant's config with one network's "
                + "activation replaced and one learning rate for both Adams. Never positive: a unit whose "
                + "pre-activation was &lt;= 0 on every input of a check's batches; for ReLU that unit is dead. FD: "
                + "the Fréchet distance of the generated images against the first 10,000 training images under the "
                + "study's feature network (not held out); compare FDs within the study only. Running the command "
                + "again trains what is not done (a failed run again) and writes this page again; "
                + "<code>gan study activations --report</code> writes it from the runs alone.</p>").toString();
    }

    private static String distinct(List<Cell> cells, Function<Cell, String> f) {
        return cells.stream().map(f).distinct().collect(Collectors.joining(", "));
    }

    private static String claims(List<CellRow> rows) {
        StringBuilder out = new StringBuilder();
        List<StudyClaims.Claim> claims = StudyClaims.check(rows);
        for (int i = 0; i < claims.size(); i++) {
            StudyClaims.Claim c = claims.get(i);
            out.append("<h3 class=\"minor\">").append(i + 1).append(". ").append(PageParts.escape(c.claim()))
                    .append("</h3><p class=\"verdict\">").append(PageParts.escape(capitalised(c.verdict()))).append("</p>");
            if (c.conditions().isEmpty()) {
                out.append("<p class=\"empty\">No condition has the finished runs this claim needs yet.</p>");
            } else {
                out.append("<ul class=\"summary\">");
                c.conditions().forEach(l -> out.append("<li>").append(PageParts.escape(l)).append("</li>"));
                out.append("</ul>");
            }
        }
        return out.append("<p class=\"note\">Checked by fixed rules, condition by condition (variant, side, learning "
                + "rate), on the medians over the seeds.</p>").toString();
    }

    /** The verdicts continue the claim in study.md ("**claim:** held in ..."); here they stand alone. */
    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String cells(List<CellRow> rows, Variant variant, Cell.Side side, Path out) {
        Cell.Side other = side == Cell.Side.D ? Cell.Side.G : Cell.Side.D;
        return "<p class=\"note\">" + PageParts.escape(variant.label() + " (" + variant.configFile() + "), " + side
                + "'s activation varied, " + other + " at " + Cell.name(variant.defaultActivation(other)) + ". The "
                + side + "-side " + Cell.name(variant.defaultActivation(side)) + " row is the variant's base run.")
                + "</p><div class=\"pair\">" + HeatTables.table(rows, HeatTables.deadFraction(side), out)
                + HeatTables.table(rows, HeatTables.fd(), out) + "</div>";
    }

    private static String charts(List<Path> charts) throws IOException {
        if (charts.isEmpty()) {
            return "<p class=\"empty\">No charts.</p>";
        }
        StringBuilder out = new StringBuilder("<div class=\"pair\">");
        for (Path chart : charts) {
            String name = chart.getFileName().toString();
            out.append("<figure class=\"study-chart\"><figcaption>").append(PageParts.escape(name))
                    .append("</figcaption><img alt=\"").append(PageParts.escape(name)).append("\" src=\"")
                    .append(PageParts.pngDataUri(Files.readAllBytes(chart))).append("\"></figure>");
        }
        return out.append("</div><p class=\"note\">dead-*: per activation, the varied network's worst layer never "
                + "positive at each check, at the variant's highest learning rate, the mean over the seeds. fd-*: the "
                + "FD at the end against the learning rate, the median over the seeds.</p>").toString();
    }

    private static String comparisons(Map<String, Path> pages, Path out) {
        if (pages.isEmpty()) {
            return "<p class=\"empty\">None yet: a page needs two finished runs of one variant, side and learning "
                    + "rate.</p>";
        }
        StringBuilder list = new StringBuilder("<ul class=\"summary\">");
        pages.forEach((what, page) -> list.append("<li><a href=\"").append(PageParts.escape(StudyPage.link(out, page)))
                .append("\">").append(PageParts.escape(what)).append("</a></li>"));
        return list.append("</ul><p class=\"note\"><code>gan report</code>'s page of each group's runs: losses, G's "
                + "signal and FD overlaid, config differences, final grids side by side.</p>").toString();
    }

    private static String troubles(List<CellRow> rows, Path out) {
        List<CellRow> bad = rows.stream().filter(r -> r.state() == CellRecords.State.BROKE
                || r.state() == CellRecords.State.FAILED).toList();
        if (bad.isEmpty()) {
            return "<p class=\"empty\">No run broke or failed.</p>";
        }
        StringBuilder t = new StringBuilder("<table class=\"troubles\"><thead><tr><th>run</th><th>state</th>"
                + "<th>outcome (run.json)</th></tr></thead><tbody>");
        Set<Path> seen = new LinkedHashSet<>();
        for (CellRow row : bad) {
            Path run = row.run().orElseThrow();
            if (!seen.add(run)) {
                continue;
            }
            Path report = run.resolve(dev.jvmgan.report.RunReport.FILE);
            String name = PageParts.escape(run.getFileName().toString());
            t.append("<tr class=\"").append(row.status()).append("\"><td>").append(Files.isRegularFile(report)
                            ? "<a href=\"" + PageParts.escape(StudyPage.link(out, report)) + "\">" + name + "</a>"
                            : name).append("</td><td>").append(row.status()).append("</td><td>")
                    .append(PageParts.escape(CellRecords.outcome(run))).append("</td></tr>");
        }
        return t.append("</tbody></table><p class=\"note\">Broke: training diverged (a NaN or infinity), a result "
                + "of the learning rate; kept, not trained again. Failed: anything else went wrong; trained again "
                + "when the study runs again.</p>").toString();
    }
}
