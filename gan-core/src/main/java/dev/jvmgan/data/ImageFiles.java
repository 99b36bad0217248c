package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.data.decode.BadImageException;
import dev.jvmgan.data.decode.ImageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The image files of a folder, {@link #find found} and then {@link #check checked} once before training: the list
 * that both folder sources ({@link StreamedFolder}, {@link CachedFolder}) decode from.
 *
 * <p><b>Finding.</b> Recursively, by extension ({@link #EXTENSIONS}, case-insensitive), in path order, so two scans
 * of one folder agree. Names starting with a dot are ignored, files and folders alike ({@code .git}, macOS's
 * {@code ._photo.jpg}); symbolic links are not followed.
 *
 * <p><b>Classes.</b> Each first-level subfolder is a class; classes are numbered in sorted name order, and files
 * deeper down belong to their first-level folder ({@code cats/2020/a.jpg} is a cat). Files directly in the folder
 * have no class (label -1) when there are class folders; with no subfolders at all, the data has no labels.
 *
 * <p><b>Checking.</b> Every file is {@link ImageDecoder#probe probed} on {@code loaderThreads} threads: header,
 * dimension guard, end marker. Under {@code badFiles: skip} each bad file is named once in a WARN with its reason,
 * followed by a summary count; under {@code fail} the first bad file, in path order, is an error. A file can still
 * fail when it is decoded during training (damage inside the data that the end marker does not show); see
 * {@link FolderBatches}.
 */
final class ImageFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);

    /** Lower-case file extensions that are tried; anything else in the folder is ignored silently. */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "jpe", "jfif", "bmp", "dib", "gif", "tif",
            "tiff", "pnm", "pbm", "pgm", "ppm", "pam", "webp");

    /** A candidate file that was not used, and why. */
    public record Skipped(Path file, BadImageException.Kind kind, String reason) {
    }

    private final Path folder;
    private final ImageDecoder decoder;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> classNames;
    private final List<Skipped> skipped;

    private ImageFiles(Path folder, ImageDecoder decoder, List<Path> files, int[] labels, List<String> classNames,
                       List<Skipped> skipped) {
        this.folder = folder;
        this.decoder = decoder;
        this.files = files;
        this.labels = labels;
        this.classNames = classNames;
        this.skipped = skipped;
    }

    /** The folder a config names. */
    static Path folder(DataConfig config) throws DataException {
        try {
            return Path.of(config.path());
        } catch (InvalidPathException e) {
            throw new DataException(config.path() + ": not a valid path: " + e.getReason(), e);
        }
    }

    /**
     * The image files under {@code folder}, by extension, in path order.
     *
     * @throws DataException if the folder is missing, is a file, cannot be listed or holds no image file
     */
    static List<Path> find(Path folder) throws DataException {
        if (!Files.exists(folder)) {
            throw new DataException(folder + ": no such folder (source: folder expects a directory of images)");
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + ": is a file, but source: folder expects a directory of images "
                    + "(for an MNIST-style file use source: idx)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(f -> !hidden(folder, f))
                    .filter(ImageFiles::hasImageExtension)
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataException(folder + ": contains no image files (looked recursively for "
                    + EXTENSIONS.stream().sorted().map(ext -> "." + ext).collect(Collectors.joining(" ")) + ")");
        }
        return files;
    }

    /**
     * Probes every candidate ({@link #find}) with the decoder of {@code config}'s shape and pixel limit, and classes
     * the usable ones by their first-level folder.
     *
     * @throws DataException if no file passes the check, or, under {@code badFiles: fail}, naming the first bad file
     */
    static ImageFiles check(Path folder, List<Path> candidates, DataConfig config) throws DataException {
        ImageDecoder decoder = new ImageDecoder(config.imageSize(), config.channels(), config.background(),
                config.maxImagePixels());
        List<String> classNames = candidates.stream().map(f -> className(folder, f)).filter(c -> !c.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        List<BadImageException> problems = LoaderThreads.forEach("image-check", config.loaderThreads(),
                candidates.size(), i -> decoder.probe(candidates.get(i)), folder + ": checking the image files");
        List<Path> usable = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            BadImageException problem = problems.get(i);
            if (problem == null) {
                usable.add(candidates.get(i));
            } else if (config.badFiles() == DataConfig.BadFiles.FAIL) {
                throw new DataException(candidates.get(i) + ": " + problem.getMessage() + " (data.badFiles: fail; "
                        + "set data.badFiles: skip to train without such files)", problem);
            } else {
                skipped.add(new Skipped(candidates.get(i), problem.kind(), problem.getMessage()));
                LOG.warn("Skipping {}: {}", candidates.get(i), problem.getMessage());
            }
        }
        if (usable.isEmpty()) {
            Skipped first = skipped.get(0);
            throw new DataException(folder + ": none of the " + candidates.size() + " image files could be read ("
                    + first.file() + ": " + first.reason() + (skipped.size() > 1 ? "; see the warnings above" : "")
                    + ")");
        }
        int[] labels = null;
        if (!classNames.isEmpty()) {
            labels = usable.stream().mapToInt(f -> classNames.indexOf(className(folder, f))).toArray();
            long unclassed = java.util.Arrays.stream(labels).filter(l -> l < 0).count();
            if (unclassed > 0) {
                LOG.warn("{}: {} images lie directly in the folder, outside the {} class folders: they have no class "
                        + "(label -1)", folder, unclassed, classNames.size());
            }
        }
        LOG.info("{}: {} usable image files{}; {}", folder, usable.size(),
                classNames.isEmpty() ? "" : " in " + classNames.size() + " classes", summary(skipped));
        return new ImageFiles(folder, decoder, List.copyOf(usable), labels, classNames, List.copyOf(skipped));
    }

    /** {@code 0 skipped}, or {@code 3 skipped (2 empty, 1 truncated)}. */
    static String summary(List<Skipped> skipped) {
        if (skipped.isEmpty()) {
            return "0 skipped";
        }
        Map<BadImageException.Kind, Long> byKind = new TreeMap<>(skipped.stream()
                .collect(Collectors.groupingBy(Skipped::kind, Collectors.counting())));
        return skipped.size() + " skipped (" + byKind.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")) + ")";
    }

    Path folder() {
        return folder;
    }

    /** What checked the files, and decodes them. */
    ImageDecoder decoder() {
        return decoder;
    }

    /** The usable files, in path order. */
    List<Path> files() {
        return files;
    }

    int size() {
        return files.size();
    }

    /** One per usable file (-1: no class), or null when the folder has no class subfolders. */
    int[] labels() {
        return labels;
    }

    List<String> classNames() {
        return classNames;
    }

    List<Skipped> skipped() {
        return skipped;
    }

    private static boolean hidden(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The first-level subfolder, or "" for a file directly in the folder. */
    private static String className(Path folder, Path file) {
        Path relative = folder.relativize(file);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
