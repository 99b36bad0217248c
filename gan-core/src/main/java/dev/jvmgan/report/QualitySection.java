package dev.jvmgan.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quality over time from the {@code eval} records ({@link QualityRecord}): the distances (FD, KID) with the best
 * evaluation marked, and the fractions (precision, recall, density, coverage); or a line saying there are none.
 */
final class QualitySection {
    static final String NONE = "No quality scores in this run (turn on eval:).";
    private static final Map<String, String> LABELS = Map.of(QualityRecord.FD, "FD", QualityRecord.KID, "KID",
            QualityRecord.PRECISION, "precision", QualityRecord.RECALL, "recall", QualityRecord.DENSITY, "density",
            QualityRecord.COVERAGE, "coverage");

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
        LineChart fd = new LineChart("quality-fd", "Fréchet distance (FD): lower is better", "FD");
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
        for (LineChart chart : List.of(fd, kid, fractions)) {
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
        return out.append(".</p>").toString();
    }
}
