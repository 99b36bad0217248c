package dev.jvmgan.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the report of a run directory, {@value #FILE}: one self-contained HTML file (inline SVG charts, embedded
 * PNG grids, inline CSS and script, no network access) built from the run's files alone, so it can be written
 * during training, after it, or for a run copied from another machine.
 *
 * <pre>{@code
 * Path page = RunReport.write(Path.of("outputs/00000-fashion-dcgan"));      // .../report.html
 * RunReport.compare(List.of(runA, runB), Path.of("outputs/compare.html"));  // curves overlaid, config differences
 * }</pre>
 */
public final class RunReport {
    /** The report's file in a run directory. */
    public static final String FILE = "report.html";

    private RunReport() {
    }

    /** Writes {@code runDirectory/report.html}, replacing it atomically, and returns its path. */
    public static Path write(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE);
        PageShell.write(file, RunPage.html(runDirectory));
        return file;
    }

    /** Writes one page comparing {@code runDirectories} (at least two) to {@code out}. */
    public static Path compare(List<Path> runDirectories, Path out) throws IOException {
        if (runDirectories.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two runs, got " + runDirectories.size());
        }
        PageShell.write(out, ComparisonPage.html(runDirectories, out.toAbsolutePath().getParent()));
        return out;
    }
}
