package dev.jvmgan.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quality over time from the {@code eval} records ({@link QualityRecord}): the distances (FD, KID) with the best
 * evaluation marked, and the fractions (precision, recall, density, coverage); or a line saying there are none. A
 * class-conditional generator's records add the class agreement over time, the mean intra-FD beside FD (both are
 * Fréchet distances in the same feature space), and a table of the last evaluation's scores per class.
 */
final class QualitySection {
    static final String NONE = "No quality scores in this run (turn on eval:).";
    private static final Map<String, String> LABELS = Map.of(QualityRecord.FD, "FD", QualityRecord.KID, "KID",
            QualityRecord.PRECISION, "precision", QualityRecord.RECALL, "recall", QualityRecord.DENSITY, "density",
            QualityRecord.COVERAGE, "coverage", QualityRecord.CLASS_AGREEMENT, "class agreement",
            QualityRecord.MEAN_INTRA_FD, "mean intra-FD");

    private QualitySection() {
    }

    static String label(String score) {
        return LABELS.getOrDefault(score, score);
    }

    /** The evaluation with the lowest FD: the checkpoint to keep. */
    static Optional<QualityRecord> best(List<QualityRecord> records) {
        return records.stream().filter(q -> q.get(QualityRecord.FD).isPresent() && Double.isFinite(
                q.get(QualityRecord.FD).getAsDouble())).min(Comparator.comparingDouble(
                q -> q.get(QualityRecord.FD).getAsDouble()));
    }

    static String html(List<QualityRecord> records) {
        if (records.isEmpty()) {
            return "<p class=\"empty\" data-empty=\"quality\">" + Html.esc(NONE) + "</p>";
        }
        double[] x = records.stream().mapToDouble(QualityRecord::iteration).toArray();
        StringBuilder out = new StringBuilder("<div class=\"pair\">");
        boolean conditional = records.stream().anyMatch(QualityRecord::hasClassScores);
        LineChart fd = new LineChart("quality-fd", conditional ? "Fréchet distance: FD of all images, and the mean "
                + "over classes of each class's FD (intra-FD): lower is better" : "Fréchet distance (FD): lower is better",
                "FD");
        LineChart kid = new LineChart("quality-kid", "KID: lower is better", "KID");
        LineChart fractions = new LineChart("quality-pr", "Precision, recall, density, coverage", "fraction");
        int colour = 0;
        for (String score : QualityRecord.SCORES) {
            double[] y = records.stream().mapToDouble(q -> q.get(score).orElse(Double.NaN)).toArray();
            LineChart chart = score.equals(QualityRecord.FD) ? fd : score.equals(QualityRecord.KID) ? kid : fractions;
            chart.add(LineChart.line(label(score), x, y, colour++));
        }
        best(records).ifPresent(b -> fd.mark(new LineChart.Marker(b.iteration(),
                b.get(QualityRecord.FD).getAsDouble(), "best, it " + b.iteration())));
        LineChart agreement = agreementChart();
        if (conditional) {
            fd.add(LineChart.line(label(QualityRecord.MEAN_INTRA_FD), x, y(records, QualityRecord.MEAN_INTRA_FD),
                    colour++));
            agreement.add(LineChart.line(label(QualityRecord.CLASS_AGREEMENT), x,
                    y(records, QualityRecord.CLASS_AGREEMENT), colour));
        }
        for (LineChart chart : List.of(fd, agreement, kid, fractions)) {
            if (!chart.isEmpty()) {
                out.append(chart.html());
            }
        }
        out.append("</div>");
        QualityRecord last = records.get(records.size() - 1);
        out.append("<p class=\"note\">Last evaluation, iteration ").append(last.iteration()).append(": ");
        for (String score : QualityRecord.SCORES) {
            last.get(score).ifPresent(v -> out.append(label(score)).append(' ').append(Html.num(v)).append(", "));
        }
        out.append("on ").append(last.samples()).append(" samples");
        if (!last.extractor().isEmpty()) {
            out.append(", feature extractor <code>").append(Html.esc(last.extractor())).append("</code>");
        }
        out.append(".</p>");
        if (conditional) {
            out.append(perClassTable(records));
        }
        return out.toString();
    }

    /** Class agreement on [0, 100%]: the share of images the feature network classifies as their class. */
    static LineChart agreementChart() {
        return new LineChart("quality-agreement", "Class agreement: images classified as the class they were made "
                + "as (higher is better)", "class agreement").yRange(0, 1).format(Html::percent);
    }

    static double[] y(List<QualityRecord> records, String score) {
        return records.stream().mapToDouble(q -> q.get(score).orElse(Double.NaN)).toArray();
    }

    /** The last evaluation with per-class scores, one row per class. */
    private static String perClassTable(List<QualityRecord> records) {
        QualityRecord last = records.get(records.size() - 1);
        for (int i = records.size() - 1; i >= 0 && last.perClass().isEmpty(); i--) {
            last = records.get(i);
        }
        if (last.perClass().isEmpty()) {
            return "<p class=\"note\">The evaluations have no per-class rows.</p>";
        }
        StringBuilder t = new StringBuilder("<h3 class=\"minor\">Per class, evaluation at iteration "
                + last.iteration() + "</h3><table class=\"per-class\" data-rows=\"" + last.perClass().size()
                + "\"><thead><tr><th>class</th><th>agreement</th><th>real agreement</th><th>intra-FD</th>"
                + "<th>generated</th><th>real</th></tr></thead><tbody>");
        for (QualityRecord.ClassRow row : last.perClass()) {
            t.append("<tr><td>").append(Html.esc(row.name())).append("</td><td>")
                    .append(Double.isNaN(row.agreement()) ? "-" : Html.percent(row.agreement())).append("</td><td>")
                    .append(Double.isNaN(row.realAgreement()) ? "-" : Html.percent(row.realAgreement()))
                    .append("</td><td>")
                    .append(Double.isNaN(row.intraFd()) ? "-" : Html.num(row.intraFd())).append("</td><td>")
                    .append(row.generated()).append("</td><td>").append(row.real()).append("</td></tr>");
        }
        t.append("</tbody></table><p class=\"note\">Seed s is made as class s mod ").append(last.perClass().size())
                .append("; agreement: the share of a class's images the feature network classifies as that class; "
                        + "real agreement: the same share of its real reference images, the ceiling agreement is "
                        + "read against; "
                        + "intra-FD: the FD between a class's generated and real images (- where either has fewer "
                        + "than 2).");
        last.notes().forEach(n -> t.append(' ').append(Html.esc(n)).append('.'));
        return t.append("</p>").toString();
    }
}
