package dev.jvmgan.checkpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoint files of a run directory: {@code checkpoints/iter-0001000.zip}, one per checkpoint, and
 * {@code checkpoints/best.zip}, a hard link to (or copy of) the best one by {@code output.bestMetric}.
 */
public final class Checkpoints {
    public static final String DIRECTORY = "checkpoints";
    public static final String BEST = "best.zip";
    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern FILE = Pattern.compile("iter-(\\d+)\\.zip");

    private Checkpoints() {
    }

    public static Path file(Path runDirectory, long iteration) {
        return runDirectory.resolve(DIRECTORY).resolve(String.format("iter-%07d.zip", iteration));
    }

    public static Path best(Path runDirectory) {
        return runDirectory.resolve(DIRECTORY).resolve(BEST);
    }

    /** The checkpoint of the highest iteration in a run directory, if any. */
    public static Optional<Path> latest(Path runDirectory) throws IOException {
        List<Path> all = list(runDirectory);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every {@code iter-*.zip} of a run directory, oldest iteration first; temporary files are not listed. */
    public static List<Path> list(Path runDirectory) throws IOException {
        Path dir = runDirectory.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::iterationOf)).toList();
        }
    }

    static long iterationOf(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * A checkpoint file given either itself or a run directory (then its latest checkpoint).
     *
     * @throws IOException with a message naming the path when there is none
     */
    public static Path resolve(Path checkpointOrRun) throws IOException {
        if (Files.isRegularFile(checkpointOrRun)) {
            return checkpointOrRun;
        }
        if (Files.isDirectory(checkpointOrRun)) {
            return latest(checkpointOrRun).orElseThrow(() -> new IOException(checkpointOrRun
                    + " has no checkpoints (expected " + DIRECTORY + "/iter-NNNNNNN.zip inside a run directory)"));
        }
        throw new IOException(checkpointOrRun + " does not exist (give a checkpoint .zip or a run directory)");
    }

    /** A checkpoint and the file it came from. */
    public record Loaded(Path file, Checkpoint checkpoint) {
    }

    /**
     * The newest checkpoint of a run directory that reads back whole, with optimiser state. A newer file that does
     * not (the disk lost it, or someone truncated it) is skipped with a warning naming it, so a run resumes from
     * the last good state instead of not at all.
     *
     * @throws IOException naming the directory when it has no checkpoint, or none that reads
     */
    public static Loaded loadLatest(Path runDirectory) throws IOException {
        List<Path> all = new ArrayList<>(list(runDirectory));
        if (all.isEmpty()) {
            throw new IOException(runDirectory + " has no checkpoints to resume from (expected " + DIRECTORY
                    + "/iter-NNNNNNN.zip; is it a run directory, such as outputs/00000-fashion-dcgan?)");
        }
        IOException newest = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            Path file = all.get(i);
            try {
                return new Loaded(file, Checkpoint.read(file, true));
            } catch (IOException | RuntimeException e) {
                log.warn("skipping checkpoint {}: it does not read back ({})", file, e.getMessage());
                if (newest == null) {
                    newest = new IOException(file + ": " + e.getMessage(), e);
                }
            }
        }
        throw new IOException("none of the " + all.size() + " checkpoints in " + runDirectory.resolve(DIRECTORY)
                + " reads back; the newest failed with: " + newest.getMessage(), newest);
    }

    /**
     * Deletes all but the newest {@code keep} {@code iter-*.zip} files. Call it only after the newest is complete;
     * {@code best.zip} is a separate link and is never deleted here.
     *
     * @return the files deleted
     */
    public static List<Path> prune(Path runDirectory, int keep) throws IOException {
        List<Path> all = list(runDirectory);
        List<Path> deleted = new ArrayList<>();
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            Files.deleteIfExists(old);
            deleted.add(old);
        }
        return deleted;
    }

    /** Deletes the temporary files that writes interrupted by a crash or a kill left behind. */
    public static List<Path> deleteLeftovers(Path runDirectory) throws IOException {
        Path dir = runDirectory.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(dir)) {
            leftovers = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(Checkpoint.TEMP_PREFIX) && name.endsWith(Checkpoint.TEMP_SUFFIX);
            }).toList();
        }
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
        }
        return leftovers;
    }

    /**
     * Makes {@code best.zip} the same file as {@code checkpoint}: a hard link where the file system has them (no
     * copy of a large file), else a copy; either way through a temporary name and an atomic rename.
     */
    public static void markBest(Path runDirectory, Path checkpoint) throws IOException {
        Path best = best(runDirectory);
        Path tmp = best.resolveSibling(Checkpoint.TEMP_PREFIX + BEST + "-" + iterationOf(checkpoint)
                + Checkpoint.TEMP_SUFFIX);
        Files.deleteIfExists(tmp);
        try {
            try {
                Files.createLink(tmp, checkpoint);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(checkpoint, tmp, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            replace(tmp, best);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames a complete file over {@code target} atomically, then forces the directory so the rename itself
     * survives a power cut.
     */
    static void replace(Path complete, Path target) throws IOException {
        try {
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(complete, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open or sync a directory; the rename is still atomic.
            log.debug("cannot sync directory of {}: {}", target, e.getMessage());
        }
    }
}
