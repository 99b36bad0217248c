package dev.jvmgan.run;

import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory a run writes into, made ready before the first iteration: a new numbered one, or a resumed one
 * cleaned of what an interrupted process left (temporary checkpoint files, metrics records past the checkpoint);
 * either way holding the resolved {@code config.yaml}.
 */
final class RunDirectories {
    private static final Logger log = LoggerFactory.getLogger(RunDirectories.class);

    private RunDirectories() {
    }

    /** A new numbered run directory, or the resumed one made ready to continue. */
    static Path prepare(RunConfig config, Resume resume) throws IOException {
        Path runDir = resume == null ? create(config) : continued(resume);
        RunDirectory.writeAtomically(runDir.resolve(TrainingRun.CONFIG_FILE), ConfigLoader.toYaml(config));
        return runDir;
    }

    /** A directory for a run that writes nothing (a benchmark), deleted at exit if it is still empty. */
    static Path temporary() throws IOException {
        Path tmp = Files.createTempDirectory("gan-run");
        tmp.toFile().deleteOnExit();
        return tmp;
    }

    private static Path create(RunConfig config) {
        Path root = Path.of(config.output().runsRoot());
        try {
            Path runDir = RunDirectory.create(root, config.name());
            log.info("run directory {}", runDir);
            return runDir;
        } catch (IOException e) {
            throw new RunSetupException("output.runsRoot = " + config.output().runsRoot() + ": cannot create a "
                    + "run directory there (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Point "
                    + "output.runsRoot at a writable directory, e.g. --set output.runsRoot=outputs", e);
        }
    }

    private static Path continued(Resume resume) throws IOException {
        Path runDir = resume.directory();
        for (Path leftover : Checkpoints.deleteLeftovers(runDir)) {
            log.info("deleted {}, left by a checkpoint write that was interrupted", leftover);
        }
        long at = resume.at().iteration();
        int dropped = MetricsJsonlListener.truncateAfter(runDir, at);
        if (dropped > 0) {
            log.info("dropped {} metrics records after iteration {} (they will be written again)", dropped, at);
        }
        for (ConfigDiff.Change change : resume.configChanges()) {
            if (change.schedule()) {
                log.info("schedule changed on resume: {}", change);
            } else {
                log.warn("config change on resume (allowed): {}", change);
            }
        }
        return runDir;
    }
}
