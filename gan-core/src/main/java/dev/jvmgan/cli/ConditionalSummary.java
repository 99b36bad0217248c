package dev.jvmgan.cli;

import dev.jvmgan.model.NetworkSummary;
import dev.jvmgan.model.NetworkSummary.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What {@code gan inspect} adds for a conditional model: a headline saying how many classes it was built with and
 * where training takes the count from, and under each network's table its label path.
 *
 * <p>The label path of a two-input graph is every row fed by the labels input (the second, by the plug-in
 * convention) but not by the main one (the gains and shifts of conditional batch norm, a projection's class
 * embedding), then the rows where that path joins the main one (a {@code ClassAffineVertex}, a
 * {@code ProjectionVertex}, a merge). Rows after a join depend on both inputs but are the main path; listing them
 * would list most of the network.
 */
final class ConditionalSummary {
    private ConditionalSummary() {
    }

    /** The line printed above both tables. */
    static String headline(int numClasses, boolean fromOption) {
        String source = "training takes K from the data's labels (an IDX labels file beside the images, or an "
                + "image folder's class subfolders), which inspect does not read";
        return fromOption
                ? "conditional on K classes: shown with K = " + numClasses + " (--classes); " + source
                : "conditional on K classes: shown with K = " + numClasses + ", the probe count; " + source
                        + "; pass --classes K to see the shapes for your K (only the label path's depend on it)";
    }

    /** The lines under a network's table naming its label path; for a one-input network, how it takes labels. */
    static String labelPath(Model network, NetworkSummary summary, int numClasses) {
        if (!(network instanceof ComputationGraph graph) || graph.getNumInputArrays() != 2) {
            return "  labels: appended to the input, " + numClasses + " one-hot "
                    + (summary.inputs().get(0).shape().contains("x") ? "channels" : "columns")
                    + " (input " + summary.inputs().get(0).shape() + ")\n";
        }
        String main = summary.inputs().get(0).name();
        String labels = summary.inputs().get(1).name();
        Set<String> fromMain = new HashSet<>(Set.of(main));
        Set<String> fromLabels = new HashSet<>(Set.of(labels));
        // Rows come in execution order, so every input's membership is known before its consumers'.
        for (Row row : summary.rows()) {
            if (row.inputs().stream().anyMatch(fromMain::contains)) {
                fromMain.add(row.name());
            }
            if (row.inputs().stream().anyMatch(fromLabels::contains)) {
                fromLabels.add(row.name());
            }
        }
        List<String[]> lines = new ArrayList<>();
        for (Row row : summary.rows()) {
            boolean labelOnly = fromLabels.contains(row.name()) && !fromMain.contains(row.name());
            boolean join = fromMain.contains(row.name())
                    && row.inputs().stream().anyMatch(in -> fromLabels.contains(in) && !fromMain.contains(in));
            if (labelOnly || join) {
                lines.add(new String[] {row.name(), row.type(), String.join(",", row.inputs()), row.outputShape(),
                        String.format(Locale.ROOT, "%,d", row.params()), join ? "joins the main path" : ""});
            }
        }
        StringBuilder out = new StringBuilder("  label path: input ").append(labels).append(' ')
                .append(summary.inputs().get(1).shape()).append(" (one-hot)\n");
        if (lines.isEmpty()) {
            return out.append("    (no row reads the labels)\n").toString();
        }
        int[] widths = new int[6];
        for (String[] line : lines) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (String[] line : lines) {
            out.append(String.format(Locale.ROOT, "    %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2]
                    + "s  %-" + widths[3] + "s  %" + widths[4] + "s  %s", (Object[]) line).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }
}
