package dev.jvmgan.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@value #FILE}: what a run ran on and how long it took, which metrics.jsonl does not say. One entry per process
 * that trained the run (a resumed run has several), each rewritten as training goes, so a run killed with
 * {@code kill -9} still says how far it got:
 * <pre>{@code
 * {"sessions": [{"toolkitVersion": "0.1.0-SNAPSHOT", "backend": "ND4J backend CPU (...)", "device": "AMD EPYC ... (2 cores)",
 *   "java": "17.0.13", "started": "2026-12-03T12:10:15Z", "updated": "...", "firstIteration": 0, "lastIteration": 300,
 *   "trainingSeconds": 290.4, "peakRssBytes": 1412000000, "outcome": "finished"}]}
 * }</pre>
 *
 * @param sessions the processes that trained this run, oldest first
 */
public record RunInfo(List<Session> sessions) {
    /** The file in a run directory. */
    public static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * One process's part of a run.
     *
     * @param toolkitVersion  gan-core's version from its jar, or {@code "development build"} when run from classes
     * @param backend         {@code NativeBackend.describe()}: ND4J backend, native build, threads
     * @param device          the CPU model and its cores (or what the backend says about its devices)
     * @param java            the JVM's version
     * @param started         ISO-8601 time the first iteration began
     * @param updated         ISO-8601 time of this entry's last rewrite
     * @param firstIteration  the iteration this process started after (0, or the resumed checkpoint's)
     * @param lastIteration   the last iteration it completed
     * @param trainingSeconds wall-clock seconds from the first iteration to {@code updated}
     * @param peakRssBytes    the process's peak resident memory (Linux VmHWM), or null where it cannot be read
     * @param outcome         {@code running}, {@code finished}, {@code stopped} (Ctrl-C, SIGTERM) or
     *                        {@code failed: <reason>}
     */
    public record Session(String toolkitVersion, String backend, String device, String java, String started,
                          String updated, long firstIteration, long lastIteration, double trainingSeconds,
                          Long peakRssBytes, String outcome) {
    }

    public RunInfo {
        sessions = List.copyOf(sessions);
    }

    /** The run's record, or empty if it has none (runs made before run.json existed) or it cannot be read. */
    public static Optional<RunInfo> read(Path runDirectory) {
        Path file = runDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            RunInfo info = JSON.readValue(file.toFile(), RunInfo.class);
            return Optional.ofNullable(info).filter(i -> i.sessions() != null);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** This record with {@code session} replacing the last entry ({@code replaceLast}) or appended. */
    public RunInfo with(Session session, boolean replaceLast) {
        List<Session> all = new ArrayList<>(sessions);
        if (replaceLast && !all.isEmpty()) {
            all.remove(all.size() - 1);
        }
        all.add(session);
        return new RunInfo(all);
    }

    /** Writes {@value #FILE} through a temporary file and a rename, so a reader never sees half of it. */
    public void write(Path runDirectory) throws IOException {
        Path target = runDirectory.resolve(FILE);
        Path temp = runDirectory.resolve("." + FILE + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            Files.write(temp, JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
