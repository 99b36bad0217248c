package dev.jvmgan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gan report}: what it writes, and every way to call it wrong (exit 2, the path named, a fix, no trace). */
class ReportCommandTest {

    private static Path run(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "train: {iterations: 4}\n");
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"train\",\"iteration\":2,\"dLoss\":1.2,"
                + "\"gLoss\":0.8,\"dReal\":0.5,\"dFake\":0.4,\"itPerSec\":3.0,\"time\":\"2026-12-01T10:00:00Z\"}\n");
        return dir;
    }

    @Test
    void writesTheReportIntoTheRun(@TempDir Path tmp) throws Exception {
        Path runDir = run(tmp.resolve("00000-a"));

        GanCliTest.Outcome outcome = GanCliTest.run("report", runDir.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("wrote " + runDir.resolve("report.html"));
        assertThat(Files.readString(runDir.resolve("report.html"))).startsWith("<!DOCTYPE html>");
    }

    @Test
    void severalRunsAlsoGetOneComparisonPage(@TempDir Path tmp) throws Exception {
        Path a = run(tmp.resolve("00000-a"));
        Path b = run(tmp.resolve("00001-b"));

        GanCliTest.Outcome byDefault = GanCliTest.run("report", a.toString(), b.toString());
        assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
        assertThat(a.resolve("report.html")).exists();
        assertThat(b.resolve("report.html")).exists();
        assertThat(tmp.resolve("compare.html")).exists();

        Path out = tmp.resolve("ab.html");
        assertThat(GanCliTest.run("report", a.toString(), b.toString(), "--out", out.toString()).exitCode()).isZero();
        assertThat(Files.readString(out)).contains("Comparison of 2 runs");
    }

    @Test
    void aMissingRunIsNamed(@TempDir Path tmp) {
        GanCliTest.Outcome outcome = GanCliTest.run("report", tmp.resolve("nope").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(tmp.resolve("nope") + " does not exist; give a run directory")
                .doesNotContain("\tat ");
    }

    @Test
    void aFileIsNotARun(@TempDir Path tmp) throws Exception {
        Path file = run(tmp.resolve("00000-a")).resolve("metrics.jsonl");
        GanCliTest.Outcome outcome = GanCliTest.run("report", file.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(file + " is a file, not a run directory").contains("(" + file.getParent());
    }

    @Test
    void aDirectoryWithoutRunFilesIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path good = run(tmp.resolve("00000-a"));
        Path other = Files.createDirectories(tmp.resolve("photos"));
        GanCliTest.Outcome outcome = GanCliTest.run("report", good.toString(), other.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(other + " is not a run directory: it has neither metrics.jsonl nor "
                + "config.yaml");
        assertThat(good.resolve("report.html")).doesNotExist();
    }

    @Test
    void outIsForAComparisonOfHtml(@TempDir Path tmp) throws Exception {
        Path a = run(tmp.resolve("00000-a"));
        Path b = run(tmp.resolve("00001-b"));

        GanCliTest.Outcome one = GanCliTest.run("report", a.toString(), "--out", tmp.resolve("x.html").toString());
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("--out is for the comparison page of several runs");

        GanCliTest.Outcome png = GanCliTest.run("report", a.toString(), b.toString(), "--out",
                tmp.resolve("x.png").toString());
        assertThat(png.exitCode()).isEqualTo(2);
        assertThat(png.err()).contains("name the file x.html");

        GanCliTest.Outcome dir = GanCliTest.run("report", a.toString(), b.toString(), "--out", tmp.toString());
        assertThat(dir.exitCode()).isEqualTo(2);
        assertThat(dir.err()).contains("--out " + tmp + " is a directory");

        GanCliTest.Outcome missing = GanCliTest.run("report", a.toString(), b.toString(), "--out",
                tmp.resolve("no/such/dir/x.html").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist; create it first");
        assertThat(a.resolve("report.html")).doesNotExist();
    }
}
