package dev.jvmgan.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names and finds checkpoint files in a run directory: {@code checkpoints/iter-0001000.zip}. */
public final class Checkpoints {
    public static final String DIRECTORY = "checkpoints";
    private static final Pattern FILE = Pattern.compile("iter-(\\d+)\\.zip");

    private Checkpoints() {
    }

    public static Path file(Path runDirectory, long iteration) {
        return runDirectory.resolve(DIRECTORY).resolve(String.format("iter-%07d.zip", iteration));
    }

    /** The checkpoint of the highest iteration in a run directory, if any. */
    public static Optional<Path> latest(Path runDirectory) throws IOException {
        Path dir = runDirectory.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                    .max(Comparator.comparingLong(Checkpoints::iterationOf));
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
}
