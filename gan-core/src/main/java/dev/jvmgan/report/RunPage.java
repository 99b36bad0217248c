package dev.jvmgan.report;

import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.RunConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The page of one run: header, summary, charts, alerts and sample grids, from its run directory's files. */
final class RunPage {
    /** The width in px one grid may take on the page. */
    private static final int SIDE_BY_SIDE = 560;
    private RunPage() {
    }

    static String html(Path runDirectory) throws IOException {
        RunRecords records = RunRecords.read(runDirectory);
        RunConfigs configs = RunConfigs.read(runDirectory);
        Optional<RunConfig> config = configs.config();
        String name = config.map(RunConfig::name).orElse(runDirectory.getFileName().toString());
        Map<String, String> nav = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();

        add(body, nav, "run", "Run", facts(runDirectory, config, records) + configDifferences(configs));
        add(body, nav, "summary", "What the monitors saw", "<ul class=\"summary\">" + String.join("",
                MonitorSummary.sentences(records, config).stream().map(s -> "<li>" + s + "</li>").toList()) + "</ul>");
        add(body, nav, "training", "Losses and D outputs", records.train().isEmpty()
                ? "<p class=\"empty\">No train records yet.</p>"
                : "<div class=\"pair\">" + RunCharts.losses(records.train()).html()
                + RunCharts.discriminatorOutputs(records.train()).html()
                + RunCharts.classAccuracy(records.train()).map(LineChart::html).orElse("") + "</div>");
        add(body, nav, "quality", "Quality over time", QualitySection.html(records.quality()));
        if (records.checks().isEmpty()) {
            add(body, nav, "layers", "Layers", "<p class=\"empty\">No monitor checks in this run.</p>");
        } else {
            add(body, nav, "gradients", "Gradients per layer", "<div class=\"pair\">"
                    + RunCharts.layerHeatmap(records.checks(), "D", false).html()
                    + RunCharts.layerHeatmap(records.checks(), "G", false).html()
                    + RunCharts.layerHeatmap(records.checks(), "D", true).html()
                    + RunCharts.layerHeatmap(records.checks(), "G", true).html() + "</div>"
                    + "<p class=\"note\">Each row is a layer (input side at the top), each column a check; a layer's "
                    + "weights, biases and batch-norm scales count together. Hover a cell for its value.</p>");
            add(body, nav, "units", "Dead and never-positive units", "<div class=\"pair\">"
                    + RunCharts.units(records.checks(), "D").html() + RunCharts.units(records.checks(), "G").html()
                    + RunCharts.generatorSignal(records.checks()).html() + "</div>");
        }
        add(body, nav, "alerts", "Alerts", AlertTimeline.html(records.alerts(), records.lastIteration(),
                records.checks().size()));
        add(body, nav, "samples", "Samples", samples(runDirectory, config, GridRows.of(runDirectory, config)));
        String subtitle = runDirectory.getFileName() + " · " + records.lastIteration() + " iterations"
                + " · report written " + java.time.Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
        return PageShell.page(name, subtitle, nav, body.toString());
    }

    private static void add(StringBuilder body, Map<String, String> nav, String id, String heading, String content) {
        nav.put(id, heading);
        body.append(PageShell.section(id, heading, content));
    }

    private static String facts(Path runDirectory, Optional<RunConfig> config, RunRecords records) {
        StringBuilder dl = new StringBuilder("<dl class=\"facts\">");
        RunFacts.of(runDirectory, config, records).forEach((label, value) -> dl.append("<div><dt>")
                .append(Html.esc(label)).append("</dt><dd>").append(Html.esc(value)).append("</dd></div>"));
        return dl.append("</dl>").toString();
    }

    private static String configDifferences(RunConfigs configs) {
        if (configs.config().isEmpty()) {
            return "<p class=\"note\">config.yaml: " + Html.esc(configs.problem()) + "</p>";
        }
        List<ConfigDiff.Change> changes = RunConfigs.fromDefaults(configs.config().get());
        if (changes.isEmpty()) {
            return "<p class=\"note\">Config: every value is the default.</p>";
        }
        StringBuilder table = new StringBuilder("<h3 class=\"minor\">Config: " + changes.size() + " value"
                + (changes.size() == 1 ? "" : "s") + " differ from the defaults</h3><table class=\"config\" "
                + "data-rows=\"" + changes.size() + "\"><thead><tr><th>key</th><th>default</th><th>this run</th></tr>"
                + "</thead><tbody>");
        for (ConfigDiff.Change c : changes) {
            table.append("<tr><td>").append(Html.esc(c.key())).append("</td><td class=\"same\">")
                    .append(Html.esc(c.before())).append("</td><td>").append(Html.esc(c.after())).append("</td></tr>");
        }
        return table.append("</tbody></table>").toString();
    }

    private static String samples(Path runDirectory, Optional<RunConfig> config, GridRows rows) throws IOException {
        OptionalInt size = config.map(c -> OptionalInt.of(c.data().imageSize())).orElse(OptionalInt.empty());
        SampleGrids.Selection selection = SampleGrids.read(runDirectory, size, rows.count());
        if (selection.grids().isEmpty()) {
            return "<p class=\"empty\" data-empty=\"samples\">No sample grids yet.</p>";
        }
        List<SampleGrids.Grid> grids = selection.grids();
        SampleGrids.Grid last = grids.get(grids.size() - 1);
        // As large as lets the stepper and the final grid stand side by side on a laptop screen.
        int zoom = Math.max(1, SIDE_BY_SIDE / last.width());
        StringBuilder out = new StringBuilder("<div class=\"grids\"><figure class=\"stepper\"><figcaption>Over time"
                + "</figcaption><div class=\"controls\"><button class=\"prev\" type=\"button\" aria-label=\"previous\">"
                + "&#9664;</button><input type=\"range\" min=\"0\" max=\"" + (grids.size() - 1) + "\" value=\"0\" "
                + "aria-label=\"sample grid\"><button class=\"next\" type=\"button\" "
                + "aria-label=\"next\">&#9654;</button><span class=\"label\">iteration " + grids.get(0).iteration()
                + "</span></div>");
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < grids.size(); i++) {
            steps.append(image(grids.get(i), zoom, "grid step", i == 0));
        }
        out.append(rows.label(steps.toString(), last, size)).append("</figure><figure><figcaption>Final grid, iteration ")
                .append(last.iteration()).append("</figcaption>")
                .append(rows.label(image(last, zoom, "grid final", true), last, size)).append("</figure></div>");
        out.append("<p class=\"note\">").append(grids.size()).append(" of the run's ").append(selection.available())
                .append(" grids (at most ").append(SampleGrids.MAX_STEPS).append(", about ")
                .append(SampleGrids.BUDGET_BYTES / 1_000_000).append(" MB, evenly spaced), at the generator's own pixels")
                .append(last.scale() > 1 ? " (training's files are enlarged " + last.scale() + "x)" : "")
                .append(", shown ").append(zoom).append("x: ").append(Html.bytes(selection.bytes()))
                .append(" of PNG. Every grid is drawn from the same 64 latents")
                .append(rows.named() ? "; a row per class, each the first 8 of them made as its class" : "")
                .append(".</p>");
        return out.toString();
    }

    private static String image(SampleGrids.Grid grid, int zoom, String cssClass, boolean visible) {
        return "<img class=\"" + cssClass + "\" data-iteration=\"" + grid.iteration() + "\" width=\""
                + grid.width() * zoom + "\" height=\"" + grid.height() * zoom + "\" alt=\"samples at iteration "
                + grid.iteration() + "\"" + (visible ? "" : " hidden") + " src=\"" + grid.dataUri() + "\">";
    }
}
