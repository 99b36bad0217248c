package dev.jvmgan.run;

import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.report.RunReport;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run keeps run.json and report.html current: at every chart refresh and at its end, never at its expense. */
class ReportListenerTest {

    /** A tiny run whose charts (and so its report) refresh every 3 iterations. */
    private static RunConfig refreshingEvery3(Path tmp, int iterations) throws IOException {
        RunConfig c = TinyRuns.config(TinyRuns.idxImages(tmp, 16, 1), tmp.resolve("runs"), iterations);
        MonitorConfig m = Defaults.monitors();
        return new RunConfig(c.name(), c.data(), c.model(), c.train(), c.output(),
                new MonitorConfig(2, m.window(), 3, m.vanishingBelow(), m.explodingAbove(), m.alerts()));
    }

    @Test
    void theReportAndRunJsonAreRefreshedWithTheChartsAndAtTheEnd(@TempDir Path tmp) throws Exception {
        List<String> seen = new ArrayList<>();
        TrainingListener watcher = new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession session, IterationStats stats) {
                Path report = session.runDirectory().resolve(RunReport.FILE);
                long last = RunInfo.read(session.runDirectory()).map(i -> i.sessions().get(0).lastIteration())
                        .orElse(-1L);
                seen.add(stats.iteration() + ":" + Files.exists(report) + ":" + last);
            }
        };

        Path runDir = new TrainingRun(refreshingEvery3(tmp, 5), false).withListener(watcher).run();

        // run.json from the first iteration on (a run killed early still says what it ran on), the report from the
        // first chart refresh.
        assertThat(seen).containsExactly("1:false:1", "2:false:1", "3:true:3", "4:true:3", "5:true:3");
        RunInfo.Session session = RunInfo.read(runDir).orElseThrow().sessions().get(0);
        assertThat(session.firstIteration()).isZero();
        assertThat(session.lastIteration()).isEqualTo(5);
        assertThat(session.outcome()).isEqualTo("finished");
        assertThat(session.backend()).startsWith("ND4J backend ");
        assertThat(session.toolkitVersion()).isEqualTo("development build"); // from classes, not a jar
        assertThat(session.trainingSeconds()).isPositive();
        String html = Files.readString(runDir.resolve(RunReport.FILE));
        assertThat(html).contains("· 5 iterations").contains("finished").contains("data-chart=\"units-D\"");
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningNotTheEndOfTraining(@TempDir Path tmp) throws Exception {
        TrainingListener blocker = new TrainingListener() {
            @Override
            public void trainingStarted(TrainingSession session) {
                try {
                    // A directory where the file should go: every write of report.html fails.
                    Files.createDirectories(session.runDirectory().resolve(RunReport.FILE).resolve("x"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };

        TrainingRun run = new TrainingRun(refreshingEvery3(tmp, 4), false).withListener(blocker);
        Path runDir = run.run();

        assertThat(run.iterationsDone()).isEqualTo(4);
        assertThat(RunInfo.read(runDir).orElseThrow().sessions().get(0).outcome()).isEqualTo("finished");
    }
}
