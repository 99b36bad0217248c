package dev.jvmgan.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The alerts of a run on an iteration axis, one marker per alert coloured by rule (a stop alert drawn larger), and
 * below it every alert's message in a table (the first {@value #MAX_ROWS}, with a note when there are more).
 */
final class AlertTimeline {
    static final int MAX_ROWS = 200;
    /** As wide as a page's section, so its text is drawn at its own size. */
    private static final int WIDTH = 1200;
    private static final int LEFT = 58;
    private static final int RIGHT = 14;

    private AlertTimeline() {
    }

    static String html(List<RunRecords.AlertRecord> alerts, long lastIteration, int checks) {
        if (alerts.isEmpty()) {
            return "<p class=\"empty\" data-empty=\"alerts\">No alerts" + (checks > 0 ? " in " + checks + " checks."
                    : ": the monitors did not run.") + "</p>";
        }
        List<String> rules = new ArrayList<>();
        alerts.forEach(a -> {
            if (!rules.contains(a.rule())) {
                rules.add(a.rule());
            }
        });
        long end = Math.max(lastIteration, alerts.stream().mapToLong(RunRecords.AlertRecord::iteration).max().orElse(1));
        Axis axis = Axis.linear(0, Math.max(1, end));
        int rowHeight = 20, top = 8, height = top + rules.size() * rowHeight + 30;
        Plot plot = new Plot(axis, Axis.fixed(0, 1), LEFT + 90, WIDTH - RIGHT, top + rules.size() * rowHeight, top);
        StringBuilder svg = new StringBuilder("<figure class=\"timeline\" data-chart=\"alerts\" data-series-count=\"")
                .append(rules.size()).append("\"><figcaption>Alerts over time</figcaption><svg class=\"plot\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"alert timeline\">");
        svg.append("<g class=\"grid\">");
        for (double t : axis.ticks()) {
            String x = Html.coord(plot.x(t));
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(top + rules.size() * rowHeight).append("\"/><text x=\"").append(x)
                    .append("\" y=\"").append(top + rules.size() * rowHeight + 15).append("\" text-anchor=\"middle\">")
                    .append(Plot.iteration(t)).append("</text>");
        }
        svg.append("</g>");
        for (int r = 0; r < rules.size(); r++) {
            String rule = rules.get(r);
            int y = top + r * rowHeight + rowHeight / 2;
            svg.append("<text class=\"row-label\" x=\"").append(LEFT + 84).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\">").append(Html.esc(rule)).append("</text>");
            long n = alerts.stream().filter(a -> a.rule().equals(rule)).count();
            svg.append("<g class=\"series\" data-series=\"").append(Html.esc(rule)).append("\" data-points=\"")
                    .append(n).append("\" fill=\"").append(Palette.hex(r)).append("\">");
            for (RunRecords.AlertRecord a : alerts) {
                if (a.rule().equals(rule)) {
                    svg.append("<circle cx=\"").append(Html.coord(plot.x(a.iteration()))).append("\" cy=\"").append(y)
                            .append("\" r=\"").append("stop".equals(a.policy()) ? 7 : 5).append("\"><title>")
                            .append(Html.esc("it " + a.iteration() + ", " + a.rule() + " (" + a.policy() + "): "
                                    + a.message())).append("</title></circle>");
                }
            }
            svg.append("</g>");
        }
        svg.append("</svg></figure>");

        StringBuilder table = new StringBuilder("<table class=\"alerts\"><thead><tr><th>iteration</th><th>rule</th>"
                + "<th>policy</th><th>message</th></tr></thead><tbody>");
        for (RunRecords.AlertRecord a : alerts.subList(0, Math.min(MAX_ROWS, alerts.size()))) {
            table.append("<tr class=\"").append(Html.esc(a.policy())).append("\"><td>").append(a.iteration())
                    .append("</td><td>").append(Html.esc(a.rule())).append("</td><td>").append(Html.esc(a.policy()))
                    .append("</td><td>").append(Html.esc(a.message())).append("</td></tr>");
        }
        table.append("</tbody></table>");
        if (alerts.size() > MAX_ROWS) {
            table.append("<p class=\"note\">The first ").append(MAX_ROWS).append(" of ").append(alerts.size())
                    .append(" alerts; metrics.jsonl has them all.</p>");
        }
        return svg + table.toString();
    }
}
