package dev.jvmgan.cli;

import dev.jvmgan.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code gan report RUN [RUN...]}: (re)writes each run's report.html; with several runs, also one page that
 * compares them. Every run directory and the output path are checked before anything is written.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write report.html into each run directory: one self-contained page (no network) with the "
                + "run's config, losses, monitors, alerts and sample grids.",
                "With several runs, also write one page comparing them (curves overlaid, config differences)."},
        footer = {"", "Examples:",
                "  gan report outputs/00000-fashion-dcgan",
                "  gan report outputs/00000-a outputs/00001-b --out ab.html"})
final class ReportCommand implements Callable<Integer> {
    static final String DEFAULT_COMPARISON = "compare.html";

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "A run directory (outputs/NNNNN-name)")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "FILE.html", description = "With several runs: where the comparison "
            + "page goes (default: " + DEFAULT_COMPARISON + " next to the first run)")
    Path out;

    @Override
    public Integer call() {
        runs.forEach(ReportCommand::checkRun);
        Path comparison = null;
        if (runs.size() > 1) {
            comparison = out != null ? out : runs.get(0).toAbsolutePath().normalize().getParent()
                    .resolve(DEFAULT_COMPARISON);
            checkOut(comparison);
        } else if (out != null) {
            throw new UserInputException("--out is for the comparison page of several runs; with one run the "
                    + "report is " + runs.get(0).resolve(RunReport.FILE) + " (drop --out, or give more runs)", null);
        }
        try {
            for (Path run : runs) {
                System.out.println("wrote " + RunReport.write(run));
            }
            if (comparison != null) {
                System.out.println("wrote " + RunReport.compare(runs, comparison));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
        return GanCli.OK;
    }

    private static void checkRun(Path run) {
        if (!Files.exists(run)) {
            throw new UserInputException(run + " does not exist; give a run directory, such as outputs/00000-"
                    + "fashion-dcgan (ls outputs/ lists them)", null);
        }
        if (!Files.isDirectory(run)) {
            throw new UserInputException(run + " is a file, not a run directory; give the directory that holds "
                    + "metrics.jsonl and config.yaml" + (run.getParent() != null ? " (" + run.getParent() + "?)" : ""),
                    null);
        }
        if (!Files.isRegularFile(run.resolve("metrics.jsonl")) && !Files.isRegularFile(run.resolve("config.yaml"))) {
            throw new UserInputException(run + " is not a run directory: it has neither metrics.jsonl nor "
                    + "config.yaml; give a directory that `gan train` made, such as outputs/00000-fashion-dcgan", null);
        }
        if (!Files.isWritable(run)) {
            throw new UserInputException("cannot write " + run.resolve(RunReport.FILE) + " (permission denied); "
                    + "copy the run directory somewhere you can write, or run as its owner", null);
        }
    }

    private static void checkOut(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserInputException("--out " + file + " is a directory; name a file in it (--out "
                    + file.resolve(DEFAULT_COMPARISON) + ")", null);
        }
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".html")) {
            throw new UserInputException("--out " + file + ": the comparison is an HTML page; name the file "
                    + name.replaceFirst("\\.[^.]*$", "") + ".html", null);
        }
        OutputPaths.directory("--out", file.toAbsolutePath().getParent()).ifPresent(dir -> {
            throw new UserInputException("--out " + file + ": " + dir + " does not exist; create it first or choose "
                    + "an existing directory", null);
        });
    }
}
