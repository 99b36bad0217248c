package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * study.html of a synthetic study whose cells are finished, broke, failed and not run: the numbers land in the right
 * cells of the heat tables, each state is marked, every link is relative and reaches an existing file, and nothing
 * on the page comes from the network.
 */
class StudyHtmlTest {
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern SRC = Pattern.compile("src=\"([^\"]*)\"");

    /** A synthetic study: see {@link #writesThePageWithEveryStateInItsCell} for what each cell holds. */
    static Path syntheticStudy(Path out) throws Exception {
        Path runs = out.resolve(StudyRunner.RUNS);
        // ReLU: worst layer at the end 0.5 (act1) and 0.25 (act2): median 37.5%; FD 40 and 60: median 50.
        Path relu1 = StudyTablesTest.syntheticRun(runs, 0, cell(ActivationType.RELU, 1), new double[] {0.25, 0.5},
                new double[] {0.75, 0.25}, 40.0, new double[] {4, 5, 2}, "finished");
        Path relu2 = StudyTablesTest.syntheticRun(runs, 1, cell(ActivationType.RELU, 2), new double[] {0, 0.125},
                new double[] {0, 0.25}, 60.0, new double[] {4, 4}, "finished");
        // ELU seed 1 diverged; seed 2 never ran.
        Path elu1 = StudyTablesTest.syntheticRun(runs, 2, cell(ActivationType.ELU, 1), new double[] {0, 0.875},
                new double[] {0, 0}, Double.NaN, new double[] {4}, "failed: iteration 75: D loss on real images is "
                        + "NaN; first non-finite value: D act1. Stopped; the last checkpoint on disk is good.");
        // SELU seed 1 finished (worst layer 0.75, FD 30); seed 2 trained to the end and failed to be scored.
        Path selu1 = StudyTablesTest.syntheticRun(runs, 3, cell(ActivationType.SELU, 1), new double[] {0.5, 0.75},
                new double[] {0, 0}, 30.0, new double[] {4}, "finished");
        StudyTablesTest.syntheticRun(runs, 4, cell(ActivationType.SELU, 2), new double[] {0.5, 0.25},
                new double[] {0, 0}, Double.NaN, new double[] {4}, "failed: illegal state: convergence failed");
        // Every run writes its report during training; the SELU seed 2 run here did not get that far.
        for (Path run : List.of(relu1, relu2, elu1, selu1)) {
            RunReport.write(run);
        }
        return out;
    }

    static StudyPlan plan() {
        List<Cell> cells = new ArrayList<>();
        for (ActivationType a : List.of(ActivationType.RELU, ActivationType.ELU, ActivationType.SELU,
                ActivationType.GELU)) {
            cells.add(cell(a, 1));
            cells.add(cell(a, 2));
        }
        return new StudyPlan("test", cells);
    }

    private static Cell cell(ActivationType activation, long seed) {
        return new Cell(Variant.MLP4, Cell.Side.D, activation, 5e-3, seed, 100, 1000);
    }

    @Test
    void writesThePageWithEveryStateInItsCell(@TempDir Path tmp) throws Exception {
        Path out = syntheticStudy(tmp.resolve("study"));
        List<CellRow> rows = StudySummary.write(plan(), out, line -> { });
        String html = Files.readString(out.resolve(StudySummary.HTML));

        assertThat(rows).extracting(CellRow::status).containsExactly("finished", "finished", "broke", "not run",
                "finished", "failed", "not run", "not run");
        assertThat(html).contains("8 cells: 3 finished, 1 broke, 1 failed, 3 pending")
                .contains("relu, elu, selu, gelu").contains("seeds</dt><dd>1, 2")
                .contains("100 per run").contains("1,000 generated images")
                .contains("Held in 1 of 1 conditions");

        String relu = td(html, "dead", "relu");
        assertThat(relu).contains("data-state=\"finished\"").contains("data-value=\"0.375\"")
                .contains(">37.5%<").contains("seed 1: 50.0%; seed 2: 25.0%");
        assertThat(td(html, "fd", "relu")).contains("data-value=\"50.0\"").contains(">50.0<");
        // The FD colours span the medians shown (SELU's 30 to ReLU's 50), not the seeds behind them (up to 60).
        assertThat(html).contains("colour from 30.0 (light) to 50.0 (dark)");
        // A diverged seed and one not run: no figure, the cell says broke, not a number from before the break.
        String elu = td(html, "dead", "elu");
        assertThat(elu).contains("data-state=\"broke\"").doesNotContain("data-value").contains(">broke<");
        // One finished seed is the median; the failed one is named.
        assertThat(td(html, "dead", "selu")).contains("data-value=\"0.75\"").contains("s2 failed");
        assertThat(td(html, "fd", "selu")).contains("data-value=\"30.0\"");
        assertThat(td(html, "fd", "gelu")).contains("data-state=\"pending\"").doesNotContain("href");

        // Links: to the runs' reports, the comparison page; only to files that exist.
        assertThat(relu).contains("href=\"runs/00000-mlp4-D-relu-lr5e-3-s1/report.html\"")
                .contains("href=\"runs/00001-mlp4-D-relu-lr5e-3-s2/report.html\"");
        assertThat(td(html, "dead", "selu")).doesNotContain("00004-mlp4-D-selu");
        assertThat(html).contains("href=\"compare-mlp4-D-lr5e-3.html\"");
        // Besides the section anchors and the shell's empty icon (data:,), which loads nothing.
        List<String> links = all(HREF, html).stream().filter(l -> !l.startsWith("#") && !l.equals("data:,")).toList();
        assertThat(links).hasSizeGreaterThanOrEqualTo(7);
        for (String link : links) {
            assertThat(link).as("a relative link").doesNotContain(":").doesNotStartWith("/");
            assertThat(out.resolve(link)).as(link).isRegularFile();
        }
        // The outcome of the failed run, and of the broken one, in the table of troubles.
        assertThat(html).contains("failed: illegal state: convergence failed").contains("D loss on real images is NaN");

        // Offline: images are data: URIs (both charts), nothing else is fetched, the policy forbids it anyway.
        List<String> sources = all(SRC, html);
        assertThat(sources).hasSize(2).allMatch(s -> s.startsWith("data:image/png;base64,"));
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link rel=\"style")
                .contains("default-src 'none'");
    }

    @Test
    void theStatesAreToldApartByTheOutcome(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        Cell c = cell(ActivationType.RELU, 1);
        Path nan = StudyTablesTest.syntheticRun(runs, 0, c, new double[] {0, 0}, new double[] {0, 0}, Double.NaN,
                new double[] {4}, "failed: iteration 12: G loss is NaN; every parameter and activation is finite: "
                        + "the loss itself overflowed. Stopped; the last checkpoint on disk is good.");
        Path gradient = StudyTablesTest.syntheticRun(runs, 1, c, new double[] {0, 0}, new double[] {0, 0}, Double.NaN,
                new double[] {4}, "failed: iteration 28: D gradient act2/W holds NaN or infinity; stopped before "
                        + "applying it (the last checkpoint on disk is good). Lower train.d.lr or check the data.");
        Path bug = StudyTablesTest.syntheticRun(runs, 2, c, new double[] {0, 0}, new double[] {0, 0}, Double.NaN,
                new double[] {4}, "failed: illegal state: convergence failed");
        Path memory = StudyTablesTest.syntheticRun(runs, 3, c, new double[] {0, 0}, new double[] {0, 0}, Double.NaN,
                new double[] {4}, "failed: Physical memory usage is too high: physicalBytes (1500M) > maxPhysicalBytes");
        assertThat(CellRecords.state(nan, 100)).isEqualTo(CellRecords.State.BROKE);
        assertThat(CellRecords.state(gradient, 100)).isEqualTo(CellRecords.State.BROKE);
        assertThat(CellRecords.state(bug, 100)).isEqualTo(CellRecords.State.FAILED);
        assertThat(CellRecords.state(memory, 100)).isEqualTo(CellRecords.State.FAILED);
    }

    /** The heat table cell of {@code activation} in the table of {@code figure} ({@code dead} or {@code fd}). */
    private static String td(String html, String figure, String activation) {
        int table = html.indexOf("data-figure=\"" + figure + "\"");
        assertThat(table).as("table " + figure).isPositive();
        String rest = html.substring(table, html.indexOf("</table>", table));
        Matcher m = Pattern.compile("<td [^>]*data-activation=\"" + activation + "\".*?</td>").matcher(rest);
        assertThat(m.find()).as(figure + " " + activation).isTrue();
        return m.group();
    }

    private static List<String> all(Pattern p, String html) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
