package dev.jvmgan.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Numbered run directories, as StyleGAN2-ADA lays them out: {@code <runsRoot>/<NNNNN>-<name>/}, the number one
 * above the highest already there, so runs sort by age and never overwrite each other.
 */
public final class RunDirectory {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{5,})-.*");
    private static final Pattern SAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]+");

    private RunDirectory() {
    }

    /** Creates and returns the next run directory for {@code name} below {@code runsRoot}. */
    public static Path create(Path runsRoot, String name) throws IOException {
        Files.createDirectories(runsRoot);
        // A name from a config value must not climb out of the runs root.
        String safe = SAFE_NAME.matcher(name).replaceAll("_").replaceAll("^[.]+", "_");
        for (int attempt = 0; ; attempt++) {
            Path dir = runsRoot.resolve(String.format("%05d-%s", nextNumber(runsRoot) + attempt, safe));
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                if (attempt > 100) {
                    throw raced;
                }
            }
        }
    }

    /** Writes a small text file through a temporary file and a rename, so readers never see half of it. */
    public static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static int nextNumber(Path runsRoot) throws IOException {
        int highest = -1;
        try (Stream<Path> entries = Files.list(runsRoot)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher m = NUMBERED.matcher(entry.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return highest + 1;
    }
}
