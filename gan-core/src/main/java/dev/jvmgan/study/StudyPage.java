package dev.jvmgan.study;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code study.md}: what was run, the table aggregated over seeds, the claims, the charts and the comparison pages. */
final class StudyPage {
    private StudyPage() {
    }

    static String markdown(StudyPlan plan, List<CellRow> rows, Path out, List<Path> charts, Map<String, Path> pages) {
        long finished = rows.stream().filter(r -> r.state() == CellRecords.State.FINISHED).count();
        long broke = rows.stream().filter(r -> r.state() == CellRecords.State.BROKE).count();
        long failed = rows.stream().filter(r -> r.state() == CellRecords.State.FAILED).count();
        String extractor = featureNetworks(rows);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT,
                "# Activation study (%s): %d cells, %d finished, %d broke, %d failed, %d not done%n%n",
                plan.name(), rows.size(), finished, broke, failed, rows.size() - finished - broke - failed));
        md.append("Written by `gan study activations").append(plan.name().equals("quick") ? " --quick" : "")
                .append("` at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" from the run directories in `").append(StudyRunner.RUNS)
                .append("/`; running the command again trains what is not done and writes this page again.\n\n");
        md.append("Each cell is one run of its variant's config with one network's activation replaced (the other "
                + "network keeps its default: ReLU in G, Leaky ReLU 0.2 in D) and one learning rate for both Adams. "
                + "Never positive: a unit whose pre-activation was <= 0 on every input of a check's batches (D: the "
                + "real and the fake batch); for ReLU that unit is dead. A check every " + Cell.MONITOR_EVERY
                + " iterations. FD: the Fréchet distance at the last iteration, of the images of seeds 0 to n - 1, "
                + "against the first 10,000 images of the training data, under feature network "
                + (extractor.isEmpty() ? "(none yet)" : extractor)
                + " (trained on those images, so not held out; compare FDs of one n only). Seconds per iteration: "
                + "the median over the run's metrics records, wall clock, on whatever else shared the cores.\n\n");
        md.append("Each figure is the median over the seeds, with every seed's value in brackets.\n\n");
        md.append(StudyTables.markdown(rows)).append('\n');
        md.append("## The claims\n\n").append(StudyClaims.markdown(rows)).append('\n');
        md.append("## Charts\n\n");
        for (Path chart : charts) {
            md.append("![").append(chart.getFileName()).append("](").append(link(out, chart)).append(")\n\n");
        }
        md.append("## Comparison pages (`gan report` of the runs)\n\n");
        if (pages.isEmpty()) {
            md.append("None yet: a page needs two finished runs of one variant, side and learning rate.\n");
        }
        pages.forEach((what, page) -> md.append("- [").append(what).append("](").append(link(out, page)).append(")\n"));
        List<CellRow> broken = rows.stream().filter(r -> r.state() == CellRecords.State.BROKE
                || r.state() == CellRecords.State.FAILED).toList();
        if (!broken.isEmpty()) {
            md.append("\n## Runs whose training broke (diverged) or failed (trained again next time)\n\n");
            broken.stream().map(r -> r.run().orElseThrow()).distinct().forEach(run -> md.append("- `")
                    .append(run.getFileName()).append("`: ").append(CellRecords.outcome(run)).append('\n'));
        }
        return md.toString();
    }

    /** {@code file} relative to {@code out}, with forward slashes: a link that works wherever the study is moved. */
    static String link(Path out, Path file) {
        return Objects.requireNonNull(out.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()))
                .toString().replace('\\', '/');
    }

    /**
     * The feature network the cells' FDs were scored under, by its short hash; when they are several (a study continued
     * by another build or thread setting), each with its count of cells and a warning that their FDs do not compare.
     * Empty when no cell has a score.
     */
    static String featureNetworks(List<CellRow> rows) {
        Map<String, Long> cells = rows.stream().flatMap(r -> r.result().stream()).map(CellResult::extractor)
                .filter(h -> !h.isEmpty()).map(h -> h.substring(0, Math.min(12, h.length())))
                .collect(Collectors.groupingBy(h -> h, TreeMap::new, Collectors.counting()));
        if (cells.size() <= 1) {
            return cells.keySet().stream().findFirst().orElse("");
        }
        return cells.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " cell)"
                : " cells)")).collect(Collectors.joining(" and ")) + ": FDs under different feature networks do not "
                + "compare";
    }
}
