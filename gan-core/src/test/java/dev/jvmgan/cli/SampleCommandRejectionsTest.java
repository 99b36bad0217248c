package dev.jvmgan.cli;

import dev.jvmgan.cli.GanCliTest.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static dev.jvmgan.cli.GanCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad {@code gan sample} input exits with 2 and a message naming the option or path, before any checkpoint
 * is read: the source here is a file that is no checkpoint at all, so reaching it would give another message.
 */
class SampleCommandRejectionsTest {
    @TempDir
    Path tmp;
    Path notACheckpoint;

    @BeforeEach
    void fakeSource() throws IOException {
        notACheckpoint = Files.writeString(tmp.resolve("fake.zip"), "not a zip");
    }

    private Outcome sample(String... args) {
        Outcome outcome = GanCliTest.sample(notACheckpoint, args);
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("not a checkpoint");
        assertThat(outcome.out()).doesNotContain("wrote");
        return outcome;
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new String[] {}, "say where to write: --out FILE.png"),
                Arguments.of(new String[] {"--out", "a.png", "--single", "dir"}, "--out and --single exclude each other"),
                Arguments.of(new String[] {"--out", "a.png", "--n", "0"}, "--n 0 must be between 1 and 4096"),
                Arguments.of(new String[] {"--out", "a.png", "--n", "4097"}, "--n 4097 must be between 1 and 4096"),
                Arguments.of(new String[] {"--out", "a.png", "--n", "many"}, "'--n'"),
                Arguments.of(new String[] {"--out", "a.png", "--seed", "-1"}, "--seed -1: seeds are 0 or more"),
                Arguments.of(new String[] {"--out", "a.png", "--seed", "9223372036854775807", "--n", "2"},
                        "--seed 9223372036854775807 with --n 2: the last seed"),
                Arguments.of(new String[] {"--out", "a.png", "--truncation", "0"}, "--truncation 0.0 must be in (0, 1]"),
                Arguments.of(new String[] {"--out", "a.png", "--truncation", "1.5"}, "--truncation 1.5 must be in (0, 1]"),
                Arguments.of(new String[] {"--out", "a.png", "--truncation", "NaN"}, "--truncation NaN must be in (0, 1]"),
                Arguments.of(new String[] {"--out", "a.png", "--truncation", "high"}, "'--truncation'"),
                Arguments.of(new String[] {"--out", "a.png", "--steps", "4"}, "--steps goes with --interpolate"),
                Arguments.of(new String[] {"--out", "a.png", "--scale", "0"}, "--scale 0 must be between 1"),
                Arguments.of(new String[] {"--out", "a.png", "--scale", "17"}, "--scale 17 must be between 1"),
                Arguments.of(new String[] {"--single", "d", "--training-grid"}, "--training-grid writes one grid"),
                Arguments.of(new String[] {"--out", "a.png", "--training-grid", "--class", "1"},
                        "--class and --per-class do not go with it"),
                Arguments.of(new String[] {"--single", "d", "--per-class"}, "--per-class writes one grid with a row per"
                        + " class: give --out FILE.png, and neither --single, --interpolate nor --class"),
                Arguments.of(new String[] {"--out", "a.png", "--per-class", "--class", "1"},
                        "--per-class writes one grid with a row per class"),
                Arguments.of(new String[] {"--out", "a.png", "--training-grid", "--n", "4"},
                        "--training-grid draws the run's own 64 fixed latents"),
                Arguments.of(new String[] {"--out", "a.png", "--training-grid", "--truncation", "0.5"},
                        "--training-grid draws the run's own 64 fixed latents"),
                Arguments.of(new String[] {"--out", "a.png", "--training-grid", "--standing-stats", "10"},
                        "--truncation and --standing-stats do not go with it"),
                Arguments.of(new String[] {"--out", "a.png", "--standing-stats", "-1"},
                        "--standing-stats -1 must be between 0 (keep the saved statistics) and 1000 batches"),
                Arguments.of(new String[] {"--out", "a.png", "--standing-stats", "1001"},
                        "--standing-stats 1001 must be between 0"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "3"},
                        "--interpolate 3 must be two seeds, SEED_A,SEED_B"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "3,7,9"},
                        "--interpolate 3,7,9 must be two seeds"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "3,x"},
                        "--interpolate 3,x: 'x' is not a seed"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "-1,4"},
                        "--interpolate -1,4: '-1' is not a seed"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "3,7", "--n", "4"},
                        "--n does not go with --interpolate"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "3,7", "--seed", "4"},
                        "--seed does not go with --interpolate"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "3,7", "--steps", "1"},
                        "--steps 1 must be between 2 and 1024"),
                Arguments.of(new String[] {"--out", "a.png", "--interpolate", "3,7", "--steps", "1025"},
                        "--steps 1025 must be between 2 and 1024"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsExitTwoNamingTheOption(String[] args, String message) {
        assertThat(sample(args).err()).contains(message);
    }

    @Test
    void outThatIsADirectory() {
        assertThat(sample("--out", tmp.toString()).err())
                .contains("--out " + tmp + " is a directory; name a file in it (--out " + tmp.resolve("grid.png"));
    }

    @Test
    void outThatIsNoPngLeavesNothingBehind() {
        Path jpg = tmp.resolve("new/grid.jpg");

        assertThat(sample("--out", jpg.toString()).err())
                .contains("--out " + jpg + ": only PNG is written").contains("name the file grid.png");
        assertThat(tmp.resolve("new")).doesNotExist();
        assertThat(sample("--out", tmp.resolve("grid").toString()).err()).contains("name the file grid.png");
    }

    @Test
    void outUnderAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        Path out = file.resolve("deeper/grid.png");

        assertThat(sample("--out", out.toString()).err())
                .contains("--out " + out + ": " + file + " is a file, not a directory");
    }

    @Test
    void singleThatIsAFileOrUnderOne() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");

        assertThat(sample("--single", file.toString()).err()).contains("--single " + file + " is a file; give a directory");
        assertThat(sample("--single", file.resolve("pngs").toString()).err())
                .contains("--single " + file.resolve("pngs") + ": " + file + " is a file, not a directory");
    }

    @Test
    void outInADirectoryWithoutWritePermission() throws IOException {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // Root writes anyway; then aFailedWriteIsAnInputErrorNamingThePath (SampleCommandTest) covers the late error.
            Assumptions.assumeFalse(Files.isWritable(locked), "running as root: every directory is writable");
            assertThat(sample("--out", locked.resolve("grid.png").toString()).err())
                    .contains("cannot write in " + locked + " (permission denied)");
            assertThat(sample("--single", locked.resolve("pngs").toString()).err())
                    .contains("cannot write in " + locked + " (permission denied)");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aSourceThatIsNoCheckpointIsNamedAndNothingIsWritten() {
        Path out = tmp.resolve("new/grid.png");

        Outcome outcome = run("sample", notACheckpoint.toString(), "--out", out.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(notACheckpoint.toString()).doesNotContain("\tat ");
        assertThat(tmp.resolve("new")).doesNotExist();
    }
}
