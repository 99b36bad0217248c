package dev.jvmgan.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** run.json: one entry per process, the last one rewritten in place, and an unreadable file is no record. */
class RunInfoTest {
    private static RunInfo.Session session(long from, long to, String outcome) {
        return new RunInfo.Session("v", "backend", "cpu", "17", "t0", "t1", from, to, 1.5, null, outcome);
    }

    @Test
    void aProcessRewritesItsOwnEntryAndAResumeAddsOne(@TempDir Path dir) throws Exception {
        RunInfo info = new RunInfo(List.of()).with(session(0, 10, "running"), false);
        info = info.with(session(0, 20, "stopped"), true);
        info.write(dir);
        RunInfo resumed = RunInfo.read(dir).orElseThrow().with(session(20, 30, "finished"), false);
        resumed.write(dir);

        assertThat(RunInfo.read(dir).orElseThrow().sessions()).containsExactly(session(0, 20, "stopped"),
                session(20, 30, "finished"));
        assertThat(Files.readString(dir.resolve(RunInfo.FILE))).doesNotContain("peakRssBytes");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(RunInfo.FILE);
        }
    }

    @Test
    void aMissingOrDamagedFileIsNoRecord(@TempDir Path dir) throws Exception {
        assertThat(RunInfo.read(dir)).isEmpty();
        Files.writeString(dir.resolve(RunInfo.FILE), "{\"sessions\": [");
        assertThat(RunInfo.read(dir)).isEmpty();
    }

    @Test
    void peakMemoryIsReadOnLinux() {
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(RunInfoListener.peakRssBytes()).isGreaterThan(1_000_000L);
        } else {
            assertThat(RunInfoListener.peakRssBytes()).isNull();
        }
    }
}
