package dev.jvmgan.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void imagesRoundTripPlainAndGzip(boolean gzip) throws IOException {
        // The name never says .gz: detection is by magic bytes.
        Path file = IdxFiles.writeImages(dir.resolve("images.idx"), 3, 4, 5, gzip);

        IdxReader.Images images = IdxReader.readImages(file);

        assertThat(images.count()).isEqualTo(3);
        assertThat(images.rows()).isEqualTo(4);
        assertThat(images.columns()).isEqualTo(5);
        assertThat(images.pixels()).isEqualTo(IdxFiles.pattern(3, 4, 5));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void labelsRoundTripAsUnsigned(boolean gzip) throws IOException {
        Path file = IdxFiles.writeLabels(dir.resolve("labels.idx"), new int[] {0, 9, 200, 255}, gzip);

        assertThat(IdxReader.readLabels(file)).containsExactly(0, 9, 200, 255);
    }

    @Test
    void truncatedPlainFileSaysExpectedAndFoundBytes() throws IOException {
        byte[] whole = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {3, 4, 5}, IdxFiles.pattern(3, 4, 5));
        Path file = Files.write(dir.resolve("cut.idx"), Arrays.copyOf(whole, 40));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": truncated IDX images file: the header announces 3 images of 4x5, so expected "
                        + "76 bytes, found 40");
    }

    @Test
    void truncatedPayloadInsideGzipSaysBytesAfterGunzip() throws IOException {
        byte[] whole = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {3, 4, 5}, IdxFiles.pattern(3, 4, 5));
        Path file = Files.write(dir.resolve("cut.gz"), IdxFiles.gzip(Arrays.copyOf(whole, 50)));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessage(file + ": truncated IDX images file: the header announces 3 images of 4x5, so expected "
                        + "76 bytes (after gunzip), found 50");
    }

    @Test
    void cutGzipStreamIsReportedAsCorruptGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {3, 4, 5},
                IdxFiles.pattern(3, 4, 5)));
        Path file = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("IDX images file");
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        byte[] whole = IdxFiles.idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2, 3, 4});
        Path file = Files.write(dir.resolve("long.idx"), whole);

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessage(file + ": garbled IDX labels file: the header announces 2 labels, so expected 10 bytes, "
                        + "found 12");
    }

    @Test
    void labelsFileGivenAsImagesNamesBoth() throws IOException {
        Path file = IdxFiles.writeLabels(dir.resolve("labels.idx"), new int[] {1, 2}, false);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessage(file + ": this is an IDX labels file (magic 0x00000801), expected an IDX images file "
                        + "(magic 0x00000803)");
    }

    @Test
    void nonIdxFileShowsItsFirstBytes() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello world, not idx");

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessage(file + ": not an IDX file: starts with 0x68656C6C, expected an IDX images file "
                        + "(magic 0x00000803)");
    }

    @Test
    void floatIdxIsRecognisedButRejected() throws IOException {
        Path file = Files.write(dir.resolve("float.idx"), IdxFiles.idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessageContaining("IDX file of type 0x0D with 3 dimensions")
                .hasMessageContaining("only uint8");
    }

    @Test
    void tooShortAndNegativeDimensions() throws IOException {
        Path tiny = Files.write(dir.resolve("tiny.idx"), new byte[] {0, 0});
        Path negative = Files.write(dir.resolve("neg.idx"), IdxFiles.idx(IdxReader.IMAGES_MAGIC,
                new int[] {-1, 28, 28}, new byte[0]));

        assertThatThrownBy(() -> IdxReader.readImages(tiny))
                .hasMessage(tiny + ": too short for an IDX images file: expected at least 4 bytes of header, found 2");
        assertThatThrownBy(() -> IdxReader.readImages(negative))
                .hasMessageContaining(negative + ": garbled IDX images file header: dimension 0 is -1");
    }

    @Test
    void missingFileAndDirectoryAreNamed() {
        Path missing = dir.resolve("nope.gz");

        assertThatThrownBy(() -> IdxReader.readImages(missing))
                .isInstanceOf(DataException.class)
                .hasMessage(missing + ": no such file (expected an IDX images file)");
        assertThatThrownBy(() -> IdxReader.readImages(dir))
                .hasMessage(dir + ": is a directory, expected an IDX images file");
    }
}
