package dev.jvmgan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the paths a command will write before it does any work (loading a checkpoint, generating), so a typo
 * costs nothing. Every message names the option, the path and a fix. Missing directories are fine: the writer
 * creates them, and the caller is told which one will be created so it can say so.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Checks that {@code file} can be written as a PNG.
     *
     * @return the directory that writing will create, if the file's directory does not exist yet
     * @throws UserInputException if it is a directory, does not end in {@code .png}, or lies under a file or an
     *                            unwritable directory
     */
    static Optional<Path> pngFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UserInputException(option + " " + file + " is a directory; name a file in it (" + option + " "
                    + file.resolve("grid.png") + "), or give --single " + file + " for one PNG per image", null);
        }
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".png")) {
            int dot = name.lastIndexOf('.');
            String fixed = (dot > 0 ? name.substring(0, dot) : name) + ".png";
            throw new UserInputException(option + " " + file + ": only PNG is written (lossless, so a seed gives the"
                    + " same pixels every time); name the file " + fixed, null);
        }
        return directoryToCreate(option, file, file.toAbsolutePath().getParent());
    }

    /**
     * Checks that {@code directory} exists as a writable directory or can be created.
     *
     * @return {@code directory} if it does not exist yet (writing will create it)
     * @throws UserInputException if it is a file, or lies under a file or an unwritable directory
     */
    static Optional<Path> directory(String option, Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UserInputException(option + " " + directory + " is a file; give a directory (one that does"
                    + " not exist yet is created)", null);
        }
        return directoryToCreate(option, directory, directory.toAbsolutePath());
    }

    /** {@code wanted} if it is missing, after checking that its nearest existing ancestor is a writable directory. */
    private static Optional<Path> directoryToCreate(String option, Path given, Path wanted) {
        Path existing = wanted;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of(wanted);
        }
        if (!Files.isDirectory(existing)) {
            throw new UserInputException(option + " " + given + ": " + existing + " is a file, not a directory;"
                    + " choose a path outside it", null);
        }
        if (!Files.isWritable(existing)) {
            throw new UserInputException(option + " " + given + ": cannot write in " + existing
                    + " (permission denied); choose a directory you can write to", null);
        }
        return existing.equals(wanted) ? Optional.empty() : Optional.of(wanted);
    }
}
