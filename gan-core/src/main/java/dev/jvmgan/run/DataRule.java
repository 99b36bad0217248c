package dev.jvmgan.run;

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
        if (data.path().startsWith("embedded:")) {
            if (data.source() != DataSource.IDX || !data.path().equals(DataConfig.EMBEDDED_FASHION_MNIST)) {
                problems.add(new Violation("data.path", "'" + data.path() + "' is not an embedded dataset; the one "
                        + "embedded dataset is '" + DataConfig.EMBEDDED_FASHION_MNIST + "' (with data.source: idx)"));
            }
            return problems;
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

    private static String hint(String path) {
        return path.startsWith("/usr/share/datasets/fashion-mnist")
                ? " (install it with: apt-get install dataset-fashion-mnist)" : "";
    }
}
