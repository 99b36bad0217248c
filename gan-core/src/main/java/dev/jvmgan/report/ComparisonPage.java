package dev.jvmgan.report;

import dev.jvmgan.config.RunConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;

/** The page of several runs: their facts side by side, their config differences, their curves overlaid. */
final class ComparisonPage {
    private ComparisonPage() {
    }

    private record Run(Path directory, String label, RunRecords records, RunConfigs configs) {
    }

    static String html(List<Path> directories, Path pageDirectory) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Path d : directories) {
            RunConfigs configs = RunConfigs.read(d);
            runs.add(new Run(d, d.toAbsolutePath().normalize().getFileName().toString(), RunRecords.read(d), configs));
        }
        Map<String, String> nav = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        add(body, nav, "runs", "Runs", runsTable(runs, pageDirectory));
        add(body, nav, "config", "Config differences", configTable(runs));
        add(body, nav, "curves", "Curves", "<div class=\"pair\">"
                + overlay("d-loss", "D loss", runs, RunRecords.Train::dLoss)
                + overlay("g-loss", "G loss", runs, RunRecords.Train::gLoss)
                + overlay("d-real", "D(x)", runs, RunRecords.Train::dReal)
                + overlay("d-fake", "D(G(z))", runs, RunRecords.Train::dFake)
                + signal(runs) + "</div>");
        add(body, nav, "quality", "Quality", quality(runs));
        add(body, nav, "samples", "Final grids", finalGrids(runs));
        return PageShell.page("Comparison of " + runs.size() + " runs", String.join(" · ",
                runs.stream().map(Run::label).toList()), nav, body.toString());
    }

    private static void add(StringBuilder body, Map<String, String> nav, String id, String heading, String content) {
        nav.put(id, heading);
        body.append(PageShell.section(id, heading, content));
    }

    private static String runsTable(List<Run> runs, Path pageDirectory) {
        List<String> labels = List.of("seed", "iterations", "duration", "it/s", "peak memory", "backend");
        StringBuilder t = new StringBuilder("<table class=\"runs\"><thead><tr><th>run</th><th>colour</th>");
        labels.forEach(l -> t.append("<th>").append(l).append("</th>"));
        boolean scored = runs.stream().anyMatch(r -> QualitySection.best(r.records().quality()).isPresent());
        t.append("<th>alerts</th>").append(scored ? "<th>best FD</th>" : "").append("</tr></thead><tbody>");
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            Map<String, String> facts = RunFacts.of(run.directory(), run.configs().config(), run.records());
            String link = pageDirectory.relativize(run.directory().toAbsolutePath().resolve(RunReport.FILE)).toString();
            t.append("<tr><td><a href=\"").append(Html.esc(link.replace('\\', '/'))).append("\">")
                    .append(Html.esc(run.label())).append("</a></td><td><svg width=\"26\" height=\"10\"><line x1=\"1\" "
                            + "y1=\"5\" x2=\"25\" y2=\"5\" stroke-width=\"3\" stroke=\"").append(Palette.hex(i))
                    .append("\"/></svg></td>");
            labels.forEach(l -> t.append("<td>").append(Html.esc(facts.getOrDefault(l, ""))).append("</td>"));
            t.append("<td>").append(run.records().alerts().size()).append("</td>");
            if (scored) {
                t.append("<td class=\"best-fd\">").append(QualitySection.best(run.records().quality())
                        .map(b -> Html.num(fd(b)) + " (it " + b.iteration() + ")").orElse("")).append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</tbody></table><p class=\"note\">Each run's name links to its own report.</p>").toString();
    }

    private static String configTable(List<Run> runs) {
        List<RunConfig> configs = new ArrayList<>();
        for (Run run : runs) {
            if (run.configs().config().isEmpty()) {
                return "<p class=\"note\">" + Html.esc(run.label() + ": config.yaml " + run.configs().problem())
                        + "</p>";
            }
            configs.add(run.configs().config().get());
        }
        Map<String, List<String>> table = RunConfigs.across(configs);
        if (table.isEmpty()) {
            return "<p class=\"note\">The runs' configs are identical.</p>";
        }
        StringBuilder t = new StringBuilder("<table class=\"config\" data-rows=\"" + table.size() + "\"><thead><tr>"
                + "<th>key</th>");
        runs.forEach(r -> t.append("<th>").append(Html.esc(r.label())).append("</th>"));
        t.append("</tr></thead><tbody>");
        table.forEach((key, values) -> {
            t.append("<tr><td>").append(Html.esc(key)).append("</td>");
            values.forEach(v -> t.append("<td>").append(Html.esc(v)).append("</td>"));
            t.append("</tr>");
        });
        return t.append("</tbody></table>").toString();
    }

    private static String overlay(String id, String title, List<Run> runs, ToDoubleFunction<RunRecords.Train> f) {
        List<LineChart.Series> lines = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<RunRecords.Train> train = runs.get(i).records().train();
            lines.add(LineChart.line(runs.get(i).label(), train.stream().mapToDouble(RunRecords.Train::iteration)
                    .toArray(), train.stream().mapToDouble(f).toArray(), i));
        }
        // Runs that share a seed share their first curves: stripes keep every one visible.
        return new LineChart(id, title, title).addStriped(lines).html();
    }

    private static String signal(List<Run> runs) {
        LineChart chart = new LineChart("g-signal", "G signal (mean per-sample norm of dLoss/dG(z))", "norm").logY();
        for (int i = 0; i < runs.size(); i++) {
            List<RunRecords.Check> checks = runs.get(i).records().checks();
            chart.add(LineChart.line(runs.get(i).label(), checks.stream().mapToDouble(RunRecords.Check::iteration)
                    .toArray(), checks.stream().mapToDouble(RunRecords.Check::gSignal).toArray(), i));
        }
        return chart.isEmpty() ? "" : chart.html();
    }

    private static String quality(List<Run> runs) {
        if (runs.stream().allMatch(r -> r.records().quality().isEmpty())) {
            return "<p class=\"empty\" data-empty=\"quality\">" + Html.esc(QualitySection.NONE) + "</p>";
        }
        LineChart chart = new LineChart("quality-fd", "Fréchet distance (FD): lower is better", "FD");
        String bestLabel = null;
        QualityRecord best = null;
        for (int i = 0; i < runs.size(); i++) {
            List<QualityRecord> q = runs.get(i).records().quality();
            chart.add(LineChart.line(runs.get(i).label(), q.stream().mapToDouble(QualityRecord::iteration).toArray(),
                    q.stream().mapToDouble(r -> r.get(QualityRecord.FD).orElse(Double.NaN)).toArray(), i));
            Optional<QualityRecord> runBest = QualitySection.best(q);
            if (runBest.isPresent() && (best == null || fd(runBest.get()) < fd(best))) {
                best = runBest.get();
                bestLabel = runs.get(i).label();
            }
        }
        // One marker, the best of all runs: one per run piles its labels up where the runs were scored alike.
        if (best != null) {
            chart.mark(new LineChart.Marker(best.iteration(), fd(best), "best: " + bestLabel + ", it "
                    + best.iteration()));
        }
        // Class-conditional runs: their class agreement beside FD, each run in its own colour as above.
        LineChart agreement = QualitySection.agreementChart();
        for (int i = 0; i < runs.size(); i++) {
            List<QualityRecord> q = runs.get(i).records().quality();
            agreement.add(LineChart.line(runs.get(i).label(), q.stream().mapToDouble(QualityRecord::iteration)
                    .toArray(), QualitySection.y(q, QualityRecord.CLASS_AGREEMENT), i));
        }
        return "<div class=\"pair\">" + chart.html() + (agreement.isEmpty() ? "" : agreement.html()) + "</div>";
    }

    private static double fd(QualityRecord record) {
        return record.get(QualityRecord.FD).getAsDouble();
    }

    private static String finalGrids(List<Run> runs) throws IOException {
        StringBuilder out = new StringBuilder("<div class=\"grids\">");
        for (Run run : runs) {
            Optional<RunConfig> config = run.configs().config();
            OptionalInt size = config.map(c -> OptionalInt.of(c.data().imageSize())).orElse(OptionalInt.empty());
            GridRows rows = GridRows.of(run.directory(), config);
            Optional<SampleGrids.Grid> grid = SampleGrids.last(run.directory(), size, rows.count());
            out.append("<figure><figcaption>").append(Html.esc(run.label()));
            if (grid.isEmpty()) {
                out.append("</figcaption><p class=\"empty\">No sample grids.</p></figure>");
                continue;
            }
            SampleGrids.Grid last = grid.get();
            String image = "<img class=\"grid final\" width=\"" + last.width() * 2 + "\" height=\""
                    + last.height() * 2 + "\" alt=\"" + Html.esc(run.label()) + " final samples\" src=\""
                    + last.dataUri() + "\">";
            out.append(", iteration ").append(last.iteration()).append("</figcaption>")
                    .append(rows.label(image, last, size)).append("</figure>");
        }
        return out.append("</div>").toString();
    }
}
