package dev.jvmgan.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunDirectoryTest {

    @Test
    void numbersRunsOneAboveTheHighest(@TempDir Path tmp) throws IOException {
        assertThat(RunDirectory.create(tmp, "a").getFileName().toString()).isEqualTo("00000-a");
        Files.createDirectory(tmp.resolve("00041-old"));
        Files.createDirectory(tmp.resolve("not-a-run"));
        assertThat(RunDirectory.create(tmp, "b").getFileName().toString()).isEqualTo("00042-b");
    }

    @Test
    void aNameCannotClimbOutOfTheRunsRoot(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("runs");
        Path dir = RunDirectory.create(root, "../../etc/evil");
        assertThat(dir.getParent()).isEqualTo(root);
        assertThat(dir.getFileName().toString()).doesNotContain("/").isEqualTo("00000-__.._etc_evil");
    }
}
