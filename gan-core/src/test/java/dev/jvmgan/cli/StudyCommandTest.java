package dev.jvmgan.cli;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.study.Cell;
import dev.jvmgan.study.StudyRunner;
import dev.jvmgan.study.StudySummary;
import dev.jvmgan.study.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gan study activations}: its listing, and its bad input refused with exit code 2 and a fix. */
class StudyCommandTest {
    private static final String CONFIGS = Path.of("..", "configs").toString();

    @Test
    void quickListsItsSixteenRunsAndTrainsNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("study");
        GanCliTest.Outcome o = GanCliTest.run("study", "activations", "--quick", "--list", "--configs", CONFIGS,
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("study quick: 16 cells, 16 distinct runs, 0 done")
                .contains("mlp4-D-relu-lr5e-3-s1").contains("mlp4-base-lr5e-3-s2").contains("mlp4-D-rrelu-lr5e-3-s2");
        assertThat(o.out().lines().filter(l -> l.startsWith("not run"))).hasSize(16);
        assertThat(out).doesNotExist();
    }

    @Test
    void reportWritesTheStudyPageFromTheRunsAndTrainsNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("study");
        Files.createDirectories(out.resolve(StudyRunner.RUNS));
        GanCliTest.Outcome o = GanCliTest.run("study", "activations", "--quick", "--report", "--configs", CONFIGS,
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(out.resolve(StudySummary.HTML)).content().contains("16 cells: 0 finished, 0 broke, 0 failed, "
                + "16 pending");
        assertThat(out.resolve(StudySummary.TSV)).isRegularFile();
        try (var runs = Files.list(out.resolve(StudyRunner.RUNS))) {
            assertThat(runs).as("nothing trained").isEmpty();
        }
    }

    @Test
    void reportWithoutAStudyOrWithListIsRefusedWithTheFix(@TempDir Path tmp) {
        Path out = tmp.resolve("nothing");
        GanCliTest.Outcome none = GanCliTest.run("study", "activations", "--quick", "--report", "--configs", CONFIGS,
                "--out", out.toString());
        assertThat(none.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(none.err()).contains("--report: " + out + " holds no study").contains("--out")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
        GanCliTest.Outcome both = GanCliTest.run("study", "activations", "--list", "--report", "--configs", CONFIGS);
        assertThat(both.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(both.err()).contains("--list and --report: give one");
    }

    @Test
    void aShardOutsideOneToNIsAUsageErrorWithAnExample(@TempDir Path tmp) {
        for (String bad : new String[] {"3/2", "0/2", "2", "a/b", "1/0"}) {
            GanCliTest.Outcome o = GanCliTest.run("study", "activations", "--shard", bad, "--out",
                    tmp.resolve("s").toString(), "--configs", CONFIGS);
            assertThat(o.exitCode()).as(bad).isEqualTo(GanCli.USAGE);
            assertThat(o.err()).as(bad).contains("--shard " + bad + ": give K/N with 1 <= K <= N, e.g. --shard 1/2")
                    .doesNotContain("\tat ");
        }
        assertThat(StudyActivationsCommand.shard(" 2 / 3 ")).containsExactly(2, 3);
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @Test
    void anUnknownVariantOrAVariantOfTheQuickStudyIsAUsageErrorWithTheNames(@TempDir Path tmp) {
        GanCliTest.Outcome unknown = GanCliTest.run("study", "activations", "--variant", "mlp4,resnet", "--out",
                tmp.resolve("s").toString(), "--configs", CONFIGS);
        assertThat(unknown.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(unknown.err()).contains("--variant resnet: no such variant; the study's variants are dcgan, "
                + "dcgan-nobn, mlp4").doesNotContain("\tat ");
        GanCliTest.Outcome quick = GanCliTest.run("study", "activations", "--quick", "--variant", "mlp4", "--out",
                tmp.resolve("q").toString(), "--configs", CONFIGS);
        assertThat(quick.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(quick.err()).contains("--variant is for the full study; --quick has one variant, mlp4");
        assertThat(tmp.resolve("s")).doesNotExist();
        assertThat(tmp.resolve("q")).doesNotExist();
    }

    @Test
    void noStudyNameIsAUsageError() {
        GanCliTest.Outcome o = GanCliTest.run("study");
        assertThat(o.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(o.err()).contains("missing study: activations");
        GanCliTest.Outcome unknown = GanCliTest.run("study", "optimizers");
        assertThat(unknown.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(unknown.err()).contains("optimizers");
    }

    @Test
    void aMissingConfigsDirectoryOrConfigIsNamedWithTheFix(@TempDir Path tmp) throws Exception {
        GanCliTest.Outcome missing = GanCliTest.run("study", "activations", "--configs",
                tmp.resolve("nowhere").toString(), "--out", tmp.resolve("s").toString());
        assertThat(missing.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(missing.err()).contains("--configs").contains("does not exist").contains("project's root")
                .doesNotContain("Exception");

        Path partial = Files.createDirectories(tmp.resolve("configs"));
        Files.copy(Path.of(CONFIGS, "fashion-dcgan.yaml"), partial.resolve("fashion-dcgan.yaml"));
        GanCliTest.Outcome lacking = GanCliTest.run("study", "activations", "--configs", partial.toString(),
                "--out", tmp.resolve("s").toString());
        assertThat(lacking.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(lacking.err()).contains("has no fashion-mlp-deep.yaml").contains("--configs");
    }

    @Test
    void anOutputThatIsAFileIsRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("study.txt"), "x");
        GanCliTest.Outcome o = GanCliTest.run("study", "activations", "--quick", "--configs", CONFIGS, "--out",
                file.toString());
        assertThat(o.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(o.err()).contains("--out " + file + " is a file");
    }

    @Test
    void aStudyDirectoryHoldingAnotherConfigsRunIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("study");
        Cell quickCell = new Cell(Variant.MLP4, Cell.Side.D, ActivationType.RELU, 5e-3, 1, 400, 1000);
        Cell other = new Cell(Variant.MLP4, Cell.Side.D, ActivationType.RELU, 5e-3, 1, 999, 1000);
        Path runs = out.resolve(StudyRunner.RUNS);
        Path run = Files.createDirectories(runs.resolve("00000-" + quickCell.runName()));
        Files.writeString(run.resolve("config.yaml"), ConfigLoader.toYaml(ConfigLoader.load(Path.of(CONFIGS,
                "fashion-mlp-deep.yaml"), other.overrides(runs), List.of())));
        GanCliTest.Outcome o = GanCliTest.run("study", "activations", "--quick", "--list", "--configs", CONFIGS,
                "--out", out.toString());
        assertThat(o.exitCode()).isEqualTo(GanCli.USAGE);
        assertThat(o.err()).contains("another config").contains("train.iterations: 999 -> 400").contains("--out");
    }
}
