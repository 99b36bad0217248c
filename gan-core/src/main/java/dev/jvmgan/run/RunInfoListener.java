package dev.jvmgan.run;

import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * Keeps {@link RunInfo#FILE} up to date: adds this process's entry after its first iteration and rewrites it every
 * {@code every} iterations and when training ends. Runs before {@link ReportListener}, so the report shows the
 * figures of the same moment. Cannot stop training: a failure to write is a WARN.
 */
final class RunInfoListener implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(RunInfoListener.class);
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final int every;
    private RunInfo info;
    private RunInfo.Session session;
    private Instant started;
    private long lastIteration = -1;

    RunInfoListener(int every) {
        this.every = every;
    }

    @Override
    public void iterationDone(TrainingSession run, IterationStats stats) {
        if (session == null) {
            // Here, not in trainingStarted: the first iteration number tells where a resumed process began.
            started = Instant.now();
            info = RunInfo.read(run.runDirectory()).orElse(new RunInfo(List.of()));
            session = new RunInfo.Session(toolkitVersion(), NativeBackend.describe(), device(),
                    System.getProperty("java.version"), started.toString(), started.toString(),
                    stats.iteration() - 1, stats.iteration(), 0, peakRssBytes(), "running");
            info = info.with(session, false);
            lastIteration = stats.iteration();
            write(run, "running");
        }
        lastIteration = stats.iteration();
        if (stats.iteration() % every == 0) {
            write(run, "running");
        }
    }

    @Override
    public void trainingEnded(TrainingSession run, Throwable failure) {
        if (session == null) {
            return;
        }
        String outcome = failure != null ? "failed: " + failure.getMessage()
                : lastIteration < run.config().train().iterations() ? "stopped" : "finished";
        write(run, outcome);
    }

    private void write(TrainingSession run, String outcome) {
        Instant now = Instant.now();
        session = new RunInfo.Session(session.toolkitVersion(), session.backend(), session.device(), session.java(),
                session.started(), now.toString(), session.firstIteration(), lastIteration,
                Duration.between(started, now).toMillis() / 1000.0, peakRssBytes(), outcome);
        info = info.with(session, true);
        try {
            info.write(run.runDirectory());
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write {}: {}", run.runDirectory().resolve(RunInfo.FILE), e.getMessage());
        }
    }

    /** gan-core's version from the pom.properties Maven puts in its jar; tests and IDEs run from classes. */
    static String toolkitVersion() {
        try (InputStream in = RunInfoListener.class.getResourceAsStream(
                "/META-INF/maven/dev.jvmgan/gan-core/pom.properties")) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                return pom.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // falls through: the version is informative only
        }
        return "development build";
    }

    /** The process's peak resident set (VmHWM) on Linux; null elsewhere, where it is not measured. */
    static Long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: leave it out rather than guess
        }
        return null;
    }

    /** {@code AMD EPYC 9R14 96-Core Processor (2 cores)}: the CPU model from /proc/cpuinfo and the cores the JVM gets. */
    static String device() {
        String cores = Runtime.getRuntime().availableProcessors() + " cores";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + " (" + cores + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is all we know
        }
        return System.getProperty("os.arch") + " (" + cores + ")";
    }
}
