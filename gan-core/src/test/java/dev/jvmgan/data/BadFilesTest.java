package dev.jvmgan.data;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.decode.BadImageException.Kind;
import dev.jvmgan.data.decode.ImageFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.jvmgan.data.decode.ImageFixtures.noise;
import static dev.jvmgan.data.decode.ImageFixtures.solid;
import static dev.jvmgan.data.decode.ImageFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of bad file, under both policies; the dimension guard; folders with nothing to train on. */
class BadFilesTest {
    @TempDir
    Path dir;

    interface BadFile {
        Path write(Path dir) throws IOException;
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("zero bytes", Kind.EMPTY, "empty file (0 bytes)",
                        (BadFile) d -> Files.write(d.resolve("bad.png"), new byte[0])),
                Arguments.of("text named .png", Kind.NOT_AN_IMAGE, "not an image: no reader recognises its content "
                                + "(14 bytes, starting \"just some text\")",
                        (BadFile) d -> Files.writeString(d.resolve("bad.png"), "just some text")),
                Arguments.of("truncated PNG", Kind.TRUNCATED, "truncated: ",
                        (BadFile) d -> ImageFixtures.truncate(write(noise(32, 32, 1), "png", d.resolve("bad.png")),
                                0.5)),
                Arguments.of("truncated JPEG", Kind.TRUNCATED, "truncated: the JPEG data ends early (Truncated File "
                                + "- Missing EOI marker)",
                        (BadFile) d -> ImageFixtures.truncate(write(noise(32, 32, 2), "jpeg", d.resolve("bad.jpg")),
                                0.5)),
                Arguments.of("PNG claiming 100000x100000", Kind.TOO_LARGE, "too large: the PNG header claims "
                                + "100000x100000 = 10000000000 pixels, above data.maxImagePixels = 40000000 (refused "
                                + "before decoding; raise data.maxImagePixels, and GAN_XMX, to use it)",
                        (BadFile) d -> ImageFixtures.pngClaiming(d.resolve("bad.png"), 100_000, 100_000)),
                Arguments.of("BMP claiming 100000x100000", Kind.TOO_LARGE, "too large: the BMP header claims "
                                + "100000x100000 = 10000000000 pixels",
                        (BadFile) d -> ImageFixtures.bmpClaiming(d.resolve("bad.bmp"), 100_000, 100_000)),
                Arguments.of("HEIC named .jpg", Kind.UNSUPPORTED, "unsupported format: HEIC/HEIF (as iPhones save "
                                + "photos); the readers here take PNG, JPEG, BMP, GIF, TIFF, PNM and WebP (convert it, "
                                + "e.g. to PNG)",
                        (BadFile) d -> ImageFixtures.isoMedia(d.resolve("bad.jpg"), "heic")),
                Arguments.of("AVIF named .png", Kind.UNSUPPORTED, "unsupported format: AVIF;",
                        (BadFile) d -> ImageFixtures.isoMedia(d.resolve("bad.png"), "avif")),
                Arguments.of(".webp that is not WebP", Kind.NOT_AN_IMAGE, "not an image: no reader recognises",
                        (BadFile) d -> Files.write(d.resolve("bad.webp"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    }

    private static DataConfig config(Path dir, DataConfig.BadFiles policy) {
        return new DataConfig(DataSource.FOLDER, dir.toString(), 8, 3).withFolderOptions(DataConfig.Crop.CENTER,
                false, DataConfig.BLACK, policy, DataConfig.DEFAULT_MAX_IMAGE_PIXELS, DataConfig.Cache.NONE, 2);
    }

    private static ImageFiles scan(Path dir, DataConfig config) throws DataException {
        return ImageFiles.check(dir, ImageFiles.find(dir), config);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void skipNamesTheFileOnceWithItsReason(String label, Kind kind, String reason, BadFile bad) throws Exception {
        write(solid(8, 8, Color.GRAY), "png", dir.resolve("good.png"));
        Path file = bad.write(dir);
        List<ILoggingEvent> log = new java.util.ArrayList<>();

        ImageFiles files = logged(log, () -> scan(dir, config(dir, DataConfig.BadFiles.SKIP)));

        assertThat(files.files()).extracting(Path::getFileName).extracting(Path::toString).containsExactly("good.png");
        assertThat(files.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.file()).isEqualTo(file);
            assertThat(skipped.kind()).isEqualTo(kind);
            assertThat(skipped.reason()).startsWith(reason);
        });
        assertThat(log).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().startsWith("Skipping " + file + ": " + reason);
        assertThat(log).extracting(ILoggingEvent::getFormattedMessage)
                .contains(dir + ": 1 usable image files; 1 skipped (1 " + kind.label() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void failStopsAtTheFileWithItsReason(String label, Kind kind, String reason, BadFile bad) throws Exception {
        write(solid(8, 8, Color.GRAY), "png", dir.resolve("good.png"));
        Path file = bad.write(dir);

        assertThatThrownBy(() -> scan(dir, config(dir, DataConfig.BadFiles.FAIL)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": " + reason)
                .hasMessageEndingWith("(data.badFiles: fail; set data.badFiles: skip to train without such files)");
    }

    @Test
    void theGuardReadsTheHeaderOfARealImageToo() throws Exception {
        Path file = write(solid(64, 48, Color.GRAY), "png", dir.resolve("photo.png"));
        DataConfig strict = config(dir, DataConfig.BadFiles.FAIL).withFolderOptions(DataConfig.Crop.CENTER, false,
                DataConfig.BLACK, DataConfig.BadFiles.FAIL, 3000, DataConfig.Cache.NONE, 1);

        assertThatThrownBy(() -> scan(dir, strict)).hasMessageStartingWith(file + ": too large: the PNG header "
                + "claims 64x48 = 3072 pixels, above data.maxImagePixels = 3000");
        DataConfig enough = strict.withFolderOptions(DataConfig.Crop.CENTER, false, DataConfig.BLACK,
                DataConfig.BadFiles.FAIL, 3072, DataConfig.Cache.NONE, 1);
        assertThat(scan(dir, enough).files()).containsExactly(file);
    }

    @Test
    void summaryCountsEveryKindAtTheStart() throws Exception {
        write(solid(8, 8, Color.GRAY), "png", dir.resolve("a/good.png"));
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("b/empty1.png"), new byte[0]);
        Files.write(dir.resolve("b/empty2.jpg"), new byte[0]);
        ImageFixtures.pngClaiming(dir.resolve("b/huge.png"), 100_000, 100_000);
        List<ILoggingEvent> log = new java.util.ArrayList<>();

        ImageFiles files = logged(log, () -> scan(dir, config(dir, DataConfig.BadFiles.SKIP)));

        assertThat(files.size()).isEqualTo(1);
        assertThat(log).extracting(ILoggingEvent::getFormattedMessage)
                .endsWith(dir + ": 1 usable image files in 2 classes; 3 skipped (2 empty, 1 too large)");
    }

    @Test
    void aFolderWithoutImagesOrWithoutReadableOnesIsAnErrorBeforeTraining() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no images");
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.write(broken.resolve("x.png"), new byte[0]);
        Files.writeString(broken.resolve("y.jpg"), "text");

        assertThatThrownBy(() -> TrainingData.open(config(empty, DataConfig.BadFiles.SKIP), dir))
                .isInstanceOf(DataException.class).hasMessageStartingWith(empty + ": contains no image files");
        assertThatThrownBy(() -> TrainingData.open(config(broken, DataConfig.BadFiles.SKIP), dir))
                .isInstanceOf(DataException.class)
                .hasMessage(broken + ": none of the 2 image files could be read (" + broken.resolve("x.png")
                        + ": empty file (0 bytes); see the warnings above)");
        assertThatThrownBy(() -> TrainingData.open(config(dir.resolve("missing"), DataConfig.BadFiles.SKIP), dir))
                .hasMessageStartingWith(dir.resolve("missing") + ": no such folder");
    }

    interface Action<T> {
        T run() throws Exception;
    }

    static <T> T logged(List<ILoggingEvent> into, Action<T> action) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ImageFiles.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            return action.run();
        } finally {
            logger.detachAppender(appender);
            into.addAll(appender.list);
        }
    }
}
