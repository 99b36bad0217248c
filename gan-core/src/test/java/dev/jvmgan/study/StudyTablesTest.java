package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * study.tsv, study.md, the charts and the comparison pages from synthetic run directories whose records are written
 * here, so every expected figure follows from the records by the stated rules (worst layer, peak, median of seeds).
 */
class StudyTablesTest {
    private static final Path CONFIGS = Path.of("..", "configs");
    private static final int ITERATIONS = 100;

    /** A finished run: checks at 50 and 100 with act1 and act2 of D, one G layer, train records, a score at 100. */
    static Path syntheticRun(Path runs, int number, Cell cell, double[] act1, double[] act2, double fd,
                             double[] itPerSec, String outcome) throws Exception {
        Path dir = Files.createDirectories(runs.resolve(String.format("%05d-%s", number, cell.runName())));
        RunConfig config = ConfigLoader.load(CONFIGS.resolve(cell.variant().configFile()), cell.overrides(runs),
                List.of());
        Files.writeString(dir.resolve("config.yaml"), ConfigLoader.toYaml(config));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < itPerSec.length; i++) {
            lines.add(String.format(Locale.ROOT, "{\"type\":\"train\",\"iteration\":%d,\"dLoss\":1.0,\"gLoss\":1.0,"
                    + "\"dReal\":0.5,\"dFake\":0.5,\"itPerSec\":%s,\"time\":\"2026-12-03T12:00:00Z\"}",
                    (i + 1) * 25, itPerSec[i]));
        }
        String[] activation = {Cell.name(cell.activation())};
        for (int c = 0; c < 2; c++) {
            lines.add(String.format(Locale.ROOT, "{\"type\":\"monitor\",\"iteration\":%d,\"dReal\":0.5,\"dFake\":0.5,"
                            + "\"gSignal\":0.01,\"dRealInputGradient\":0.1,\"layers\":[%s,%s,%s],\"gradients\":[],"
                            + "\"alerts\":[]}", (c + 1) * 50,
                    layer("D", "act1", activation[0], 8, act1[c], c == 1 ? 1 : 0),
                    layer("D", "act2", activation[0], 4, act2[c], 0),
                    layer("G", "act1", "relu", 16, c == 1 ? 0.125 : 0, 0)));
        }
        if (!Double.isNaN(fd)) {
            lines.add(String.format(Locale.ROOT, "{\"type\":\"eval\",\"iteration\":%d,\"fd\":%s,\"n\":1000,"
                    + "\"extractor\":\"8c01ee7f1788ccc4\"}", ITERATIONS, fd));
        }
        Files.write(dir.resolve("metrics.jsonl"), lines);
        new RunInfo(List.of(new RunInfo.Session("test", "cpu", "2 cores", "17", "2026-12-03T12:00:00Z",
                "2026-12-03T12:01:00Z", 0, outcome.equals("finished") ? ITERATIONS : 75, 60.0, null, outcome)))
                .write(dir);
        return dir;
    }

    private static String layer(String network, String layer, String activation, int units, double fraction,
                                int deadForWindow) {
        return String.format(Locale.ROOT, "{\"network\":\"%s\",\"layer\":\"%s\",\"activation\":\"%s\",\"label\":\"x\","
                        + "\"units\":%d,\"neverPositive\":%d,\"neverPositiveFraction\":%s,\"deadForWindow\":%d,"
                        + "\"meanNonPositive\":%s,\"saturatedFraction\":0.0}", network, layer, activation, units,
                Math.round(fraction * units), fraction, deadForWindow, 0.5 + fraction / 4);
    }

    private static Cell cell(ActivationType activation, long seed) {
        return new Cell(Variant.MLP4, Cell.Side.D, activation, 5e-3, seed, ITERATIONS, 1000);
    }

    @Test
    void tsvAndMarkdownFollowFromTheRecords(@TempDir Path out) throws Exception {
        Path runs = out.resolve(StudyRunner.RUNS);
        // ReLU seed 1: act1 0.25 -> 0.5 (final worst), act2 0.75 -> 0.25 (peak 0.75 at 50).
        syntheticRun(runs, 0, cell(ActivationType.RELU, 1), new double[] {0.25, 0.5}, new double[] {0.75, 0.25}, 40.0,
                new double[] {4, 5, 2}, "finished");
        // ReLU seed 2: act1 0 -> 0.125, act2 0 -> 0.25 (final worst act2 0.25).
        syntheticRun(runs, 1, cell(ActivationType.RELU, 2), new double[] {0, 0.125}, new double[] {0, 0.25}, 60.0,
                new double[] {4, 4}, "finished");
        // ELU seed 1 broke (no score); seed 2 never ran.
        syntheticRun(runs, 2, cell(ActivationType.ELU, 1), new double[] {0, 0}, new double[] {0, 0}, Double.NaN,
                new double[] {4}, "failed: iteration 75: D loss on real images is NaN");
        StudyPlan plan = new StudyPlan("test", List.of(cell(ActivationType.RELU, 1), cell(ActivationType.RELU, 2),
                cell(ActivationType.ELU, 1), cell(ActivationType.ELU, 2)));

        List<String> said = new ArrayList<>();
        StudySummary.write(plan, out, said::add);

        List<String> tsv = Files.readAllLines(out.resolve(StudySummary.TSV));
        assertThat(tsv).hasSize(5);
        assertThat(tsv.get(0).split("\t")).containsExactlyElementsOf(StudyTables.TSV_COLUMNS);
        String[] relu1 = tsv.get(1).split("\t", -1);
        assertThat(column(relu1, "status")).isEqualTo("finished");
        assertThat(column(relu1, "run")).isEqualTo("00000-mlp4-D-relu-lr5e-3-s1");
        assertThat(column(relu1, "checks")).isEqualTo("2");
        assertThat(column(relu1, "finalMaxFraction")).isEqualTo("0.5000");
        assertThat(column(relu1, "finalMaxLayer")).isEqualTo("act1");
        assertThat(column(relu1, "peakFraction")).isEqualTo("0.7500");
        assertThat(column(relu1, "peakIteration")).isEqualTo("50");
        assertThat(column(relu1, "finalDeadForWindow")).isEqualTo("0.1250"); // 1 of act1's 8 units
        // act1's 0.5 + 0.5 / 4 beats act2's 0.5 + 0.25 / 4
        assertThat(column(relu1, "finalInputsNonPositive")).isEqualTo("0.6250");
        assertThat(column(relu1, "layers")).isEqualTo("act1=0.5000/0.5000,act2=0.2500/0.7500");
        assertThat(column(relu1, "otherNetworkFinalMax")).isEqualTo("0.1250");
        assertThat(column(relu1, "fd")).isEqualTo("40.000");
        assertThat(column(relu1, "fdImages")).isEqualTo("1000");
        assertThat(column(relu1, "secondsPerIteration")).isEqualTo("0.2500"); // median of 1/4, 1/5, 1/2
        assertThat(column(tsv.get(2).split("\t", -1), "secondsPerIteration")).isEqualTo("0.2500");
        String[] elu1 = tsv.get(3).split("\t", -1);
        assertThat(column(elu1, "status")).isEqualTo("broke");
        assertThat(column(elu1, "fd")).isEmpty();
        String[] elu2 = tsv.get(4).split("\t", -1);
        assertThat(column(elu2, "status")).isEqualTo("not run");
        assertThat(column(elu2, "finalMaxFraction")).isEmpty();

        String md = Files.readString(out.resolve(StudySummary.MD));
        // ReLU: final worst layer 0.5 and 0.25, median 37.5%; peak 0.75 and 0.25; FD 40 and 60.
        assertThat(md).contains("| mlp4 | no | D | 5e-3 | relu | 37.5% (50.0%, 25.0%) | 50.0% (75.0%, 25.0%) |")
                .contains("| 50.0 (40.0, 60.0), n = 1,000 |")
                .contains("| mlp4 | no | D | 5e-3 | elu | 0.0% (0.0%, -) |")
                .contains("| broke |")
                .contains("2 finished, 1 broke, 0 failed, 1 not done")
                .contains("`00002-mlp4-D-elu-lr5e-3-s1`: failed: iteration 75")
                .contains("feature network 8c01ee7f1788")
                .contains("held in 1 of 1 conditions");
        assertThat(out.resolve(StudySummary.CHARTS).resolve("dead-mlp4-D-lr5e-3.png")).isNotEmptyFile();
        assertThat(out.resolve(StudySummary.CHARTS).resolve("fd-mlp4-D.png")).isNotEmptyFile();
        assertThat(out.resolve("compare-mlp4-D-lr5e-3.html")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("compare-mlp4-D-lr5e-3.html")))
                .contains("00000-mlp4-D-relu-lr5e-3-s1").contains("00002-mlp4-D-elu-lr5e-3-s1");
    }

    @Test
    void cellsScoredUnderDifferentFeatureNetworksAreSaidToBe(@TempDir Path out) throws Exception {
        Path runs = out.resolve(StudyRunner.RUNS);
        syntheticRun(runs, 0, cell(ActivationType.RELU, 1), new double[] {0, 0}, new double[] {0, 0}, 40.0,
                new double[] {4}, "finished");
        Path other = syntheticRun(runs, 1, cell(ActivationType.RELU, 2), new double[] {0, 0}, new double[] {0, 0},
                60.0, new double[] {4}, "finished");
        Path metrics = other.resolve("metrics.jsonl");
        Files.writeString(metrics, Files.readString(metrics).replace("8c01ee7f1788ccc4", "d9c343b1126f264d"));
        StudyPlan plan = new StudyPlan("test", List.of(cell(ActivationType.RELU, 1), cell(ActivationType.RELU, 2)));

        List<CellRow> rows = CellRow.read(plan, runs);

        assertThat(StudyPage.featureNetworks(rows)).isEqualTo("8c01ee7f1788 (1 cell) and d9c343b1126f (1 cell): FDs "
                + "under different feature networks do not compare");
        assertThat(StudyPage.featureNetworks(rows.subList(0, 1))).isEqualTo("8c01ee7f1788");
    }

    private static String column(String[] fields, String name) {
        return fields[StudyTables.TSV_COLUMNS.indexOf(name)];
    }
}
