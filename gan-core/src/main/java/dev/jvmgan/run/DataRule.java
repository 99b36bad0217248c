package dev.jvmgan.run;

import dev.jvmgan.data.IdxReader;
import dev.jvmgan.config.ConfigRule;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.config.RunConfig;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at config-load time that {@code data.path} points at something that can exist for its source, so a typo
 * surfaces as {@code configs/x.yaml:5: data.path: ...} before any network is built.
 */
public final class DataRule implements ConfigRule {
    @Override
    public List<Violation> check(RunConfig config) {
        DataConfig data = config.data();
        List<Violation> problems = new ArrayList<>();
        List<Violation> unlabelled = labelsRule(config);
        if (data.path().startsWith("embedded:")) {
            if (data.source() != DataSource.IDX || !data.path().equals(DataConfig.EMBEDDED_FASHION_MNIST)) {
                problems.add(new Violation("data.path", "'" + data.path() + "' is not an embedded dataset; the one "
                        + "embedded dataset is '" + DataConfig.EMBEDDED_FASHION_MNIST + "' (with data.source: idx)"));
            }
            return problems;
        }
        if (!unlabelled.isEmpty()) {
            return unlabelled;
        }
        Path path;
        try {
            path = Path.of(data.path());
        } catch (InvalidPathException e) {
            problems.add(new Violation("data.path", "'" + data.path() + "' is not a valid path: " + e.getReason()));
            return problems;
        }
        if (data.source() == DataSource.IDX && !Files.isRegularFile(path)) {
            problems.add(new Violation("data.path", Files.isDirectory(path)
                    ? "'" + data.path() + "' is a directory; an idx source needs an images file such as "
                    + "train-images-idx3-ubyte.gz (or set data.source: folder)"
                    : "'" + data.path() + "' does not exist" + hint(data.path())));
        } else if (data.source() == DataSource.FOLDER && !Files.isDirectory(path)) {
            problems.add(new Violation("data.path", Files.isRegularFile(path)
                    ? "'" + data.path() + "' is a file; a folder source needs a directory of images"
                    : "'" + data.path() + "' does not exist; make it and put your pictures in it (subfolders "
                    + "are classes), or draw sample pictures with: scripts/make-shapes-folder.sh 2000 " + data.path()));
        }
        return problems;
    }

    /**
     * {@code model.conditional: true} needs labels: an IDX labels file beside the images file (the embedded split
     * ships its own), or class subfolders in a folder. Quiet when the path itself is wrong (that has its own message).
     */
    private static List<Violation> labelsRule(RunConfig config) {
        DataConfig data = config.data();
        if (!config.model().usesClasses() || data.path().startsWith("embedded:")) {
            return List.of();
        }
        Path path;
        try {
            path = Path.of(data.path());
        } catch (InvalidPathException e) {
            return List.of();
        }
        String missing = null;
        if (data.source() == DataSource.IDX && Files.isRegularFile(path) && IdxReader.labelsFile(path) == null) {
            missing = "has no labels file beside it (an images file named *-images-idx3-ubyte[.gz] pairs with "
                    + "*-labels-idx1-ubyte[.gz] in the same directory)";
        } else if (data.source() == DataSource.FOLDER && Files.isDirectory(path) && !hasSubfolder(path)) {
            missing = "has no class subfolders (put each class's images in a subfolder named after the class)";
        }
        String key = RunClasses.conditionalKey(config.model());
        return missing == null ? List.of() : List.of(new Violation(key, "true needs class labels, "
                + "but data.path '" + data.path() + "' " + missing + "; or set " + key + ": false"));
    }

    private static boolean hasSubfolder(Path folder) {
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(entry -> Files.isDirectory(entry)
                    && !entry.getFileName().toString().startsWith("."));
        } catch (java.io.IOException e) {
            return true; // unreadable: the data's own checks say so when it is opened
        }
    }

    private static String hint(String path) {
        return path.startsWith("/usr/share/datasets/fashion-mnist")
                ? " (install it with: apt-get install dataset-fashion-mnist)" : "";
    }
}
