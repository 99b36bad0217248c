package dev.jvmgan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample-picture folder the README offers: seeded JPEGs in one class folder per shape, readable as data. */
class ShapesFolderTest {
    @Test
    void writesSeededJpegsThatTheFolderSourceReadsWithLabels(@TempDir Path tmp) throws Exception {
        ShapesFolder.write(tmp.resolve("a"), 9, 32, 5L);
        ShapesFolder.write(tmp.resolve("b"), 9, 32, 5L);

        try (Stream<Path> files = Files.walk(tmp.resolve("a"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(tmp.resolve("b")
                        .resolve(tmp.resolve("a").relativize(file))));
            }
        }
        TrainingData data = TrainingData.open(new DataConfig(DataSource.FOLDER, tmp.resolve("a").toString(), 16, 3));
        assertThat(data.size()).isEqualTo(9);
        assertThat(data.classNames()).containsExactly("circles", "squares", "triangles");
        try (BatchSource batches = data.batches(3, 1L)) {
            assertThat(batches.next().shape()).containsExactly(3, 3, 16, 16);
            assertThat(java.util.Arrays.stream(batches.batchLabels()).boxed().toList()).hasSize(3)
                    .allMatch(label -> label >= 0 && label < 3);
        }
    }
}
