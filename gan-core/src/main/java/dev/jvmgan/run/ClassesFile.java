package dev.jvmgan.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jvmgan.config.DataConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@value #FILE}: the classes of a class-conditional run, written into its directory when training starts, so that
 * what reads the directory alone (the run report) can name them before the first checkpoint, which carries them
 * too (its resume state {@code classes}):
 * <pre>{@code
 * {"names": ["0", "1", ...], "shown": ["T-shirt/top", "Trouser", ...], "generator": true, "discriminator": true}
 * }</pre>
 *
 * @param names         the class names the data gives, index = label
 * @param shown         the names people read ({@link SampleClasses#shown()}: Fashion-MNIST's for its numbered classes)
 * @param generator     whether G took the labels (its sample grids then have one row per class)
 * @param discriminator whether D took the labels
 */
public record ClassesFile(List<String> names, List<String> shown, boolean generator, boolean discriminator) {
    /** The file in a run directory. */
    public static final String FILE = "classes.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public ClassesFile {
        names = List.copyOf(names);
        shown = List.copyOf(shown);
        if (names.size() != shown.size()) {
            throw new IllegalArgumentException(names.size() + " class names but " + shown.size() + " shown names");
        }
    }

    /** The file of a run with {@code classes}, named for people as samplers name them. */
    static ClassesFile of(RunClasses classes, DataConfig data) {
        return new ClassesFile(classes.names(), SampleClasses.of(classes.names(), data).shown(), classes.generator(),
                classes.discriminator());
    }

    /** Writes {@code runDirectory/classes.json} through a temporary file and a rename. */
    void write(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE);
        Path temp = runDirectory.resolve("." + FILE + ".tmp");
        Files.write(temp, JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The classes of the run in {@code runDirectory}; empty for an unconditional run or a run made before the file. */
    public static Optional<ClassesFile> read(Path runDirectory) {
        Path file = runDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ClassesFile classes = JSON.readValue(file.toFile(), ClassesFile.class);
            return Optional.ofNullable(classes).filter(c -> !c.names().isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public int count() {
        return names.size();
    }
}
