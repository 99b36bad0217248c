package dev.jvmgan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigException;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What {@code gan eval} was asked to score, resolved from its paths before any work: checkpoint files (a run
 * directory means its latest, or with {@code --all} every one), and folders or IDX files of images made elsewhere.
 * A checkpoint's config is read from its zip without loading its networks.
 */
final class EvalSubjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalSubjects() {
    }

    /**
     * One thing to score.
     *
     * @param file         the checkpoint, image folder or IDX file
     * @param runDirectory the run a checkpoint belongs to (its {@code checkpoints/} parent), or null
     * @param config       a checkpoint's own config, or null for images
     * @param iteration    a checkpoint's iteration, or null for images
     */
    record Subject(Path file, Path runDirectory, RunConfig config, Long iteration) {
        boolean checkpoint() {
            return config != null;
        }
    }

    static List<Subject> resolve(List<Path> paths, boolean all, boolean against) {
        List<Subject> subjects = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new UserInputException(path + " does not exist; give a run directory (such as "
                        + "outputs/00000-fashion-dcgan), a checkpoint .zip, or with --against CONFIG a folder of "
                        + "images or an IDX images file", null);
            }
            // A run that has not written its first checkpoint yet already has its config and metrics.
            boolean run = Files.isDirectory(path.resolve(Checkpoints.DIRECTORY))
                    || Files.isRegularFile(path.resolve("config.yaml"))
                    && Files.isRegularFile(path.resolve("metrics.jsonl"));
            boolean zip = Files.isRegularFile(path) && path.getFileName().toString().endsWith(".zip");
            if (all && !run) {
                throw new UserInputException("--all scores every checkpoint of a run directory, and " + path
                        + " is not one (it has no " + Checkpoints.DIRECTORY + "/ folder, config.yaml or metrics.jsonl)",
                        null);
            }
            if (run) {
                List<Path> files = checkpoints(path);
                for (Path file : all ? files : files.subList(files.size() - 1, files.size())) {
                    subjects.add(checkpoint(file, path));
                }
            } else if (zip) {
                Path parent = path.toAbsolutePath().getParent();
                boolean inRun = parent != null && parent.getFileName() != null
                        && parent.getFileName().toString().equals(Checkpoints.DIRECTORY);
                subjects.add(checkpoint(path, inRun ? parent.getParent() : null));
            } else if (!against) {
                throw new UserInputException(path + " is " + (Files.isDirectory(path) ? "a folder" : "a file")
                        + " but not a run directory or a checkpoint: to score the images in it, say which data to "
                        + "score them against with --against CONFIG (e.g. --against configs/fashion-dcgan.yaml)",
                        null);
            } else {
                subjects.add(new Subject(path, null, null, null));
            }
        }
        return subjects;
    }

    private static List<Path> checkpoints(Path run) {
        List<Path> files;
        try {
            files = Checkpoints.list(run);
        } catch (IOException e) {
            throw new UserInputException(run + ": cannot list its checkpoints: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new UserInputException(run + " has no checkpoints yet (expected " + Checkpoints.DIRECTORY
                    + "/iter-NNNNNNN.zip); a run writes one every output.checkpointEvery iterations and at its end",
                    null);
        }
        return files;
    }

    /** A checkpoint's config and iteration, read from its zip's {@code config.yaml} and {@code state.json}. */
    private static Subject checkpoint(Path file, Path runDirectory) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String yaml = entry(zip, file, "config.yaml");
            long iteration = JSON.readTree(entry(zip, file, "state.json")).path("iteration").asLong(-1);
            RunConfig config = ConfigLoader.parse(yaml, file + "!/config.yaml", "checkpoint", List.of(), List.of());
            return new Subject(file, runDirectory, config, iteration);
        } catch (ZipException e) {
            throw new UserInputException(file + " is not a checkpoint (not a zip file: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UserInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new UserInputException(file + "'s config does not load: " + e.getMessage(), e);
        }
    }

    private static String entry(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException(file + " is not a checkpoint of this toolkit: it has no " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
