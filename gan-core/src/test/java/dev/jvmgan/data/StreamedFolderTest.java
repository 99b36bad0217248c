package dev.jvmgan.data;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.data.decode.ImageFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code readAll} of a streamed folder: decoded on the spot, in path order, centre-cropped, bad files replaced. */
class StreamedFolderTest {
    @TempDir
    Path dir;

    /** The image ids of {@link FolderBatchesTest#writeFolder}, from the green channel. */
    private static List<Integer> ids(INDArray images) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < images.size(0); i++) {
            ids.add((Math.round((images.getFloat(i, 1, 0, 0) + 1f) * 127.5f) - 5) / 20);
        }
        return ids;
    }

    @Test
    void readAllDecodesTheFirstFilesInPathOrderCentreCroppedAndUnmirrored() throws Exception {
        FolderBatchesTest.writeFolder(dir, 5, 2);   // c0/img0, c0/img2, c0/img4, c1/img1, c1/img3
        TrainingData data = TrainingData.open(FolderBatchesTest.config(dir, DataConfig.Crop.RANDOM, true,
                DataConfig.BadFiles.SKIP, 2));

        LabelledImages all = data.readAll(Integer.MAX_VALUE);
        LabelledImages three = data.readAll(3);

        assertThat(data.streamed()).isTrue();
        assertThat(ids(all.images())).containsExactly(0, 2, 4, 1, 3);
        assertThat(all.labels()).containsExactly(0, 0, 0, 1, 1);
        assertThat(all.classNames()).containsExactly("c0", "c1");
        assertThat(ids(three.images())).containsExactly(0, 2, 4);
        assertThat(three.labels()).containsExactly(0, 0, 0);
        // 12 wide, 8 high, red = 20 x: the centred square starts at x = 2 and is never mirrored.
        for (int i = 0; i < 5; i++) {
            assertThat(all.images().getFloat(i, 0, 0, 0)).isEqualTo(40 / 127.5f - 1f);
            assertThat(all.images().getFloat(i, 0, 0, 7)).isEqualTo(180 / 127.5f - 1f);
        }
    }

    @Test
    void aFileThatFailsToDecodeIsNamedAndTheNextOneTakesItsPlace() throws Exception {
        FolderBatchesTest.writeFolder(dir, 4, 0);
        Path damaged = ImageFixtures.pngWithDamagedData(dir.resolve("img0a-damaged.png"));   // second in path order
        TrainingData data = TrainingData.open(FolderBatchesTest.config(dir, DataConfig.Crop.CENTER, false,
                DataConfig.BadFiles.SKIP, 2));
        Logger logger = (Logger) LoggerFactory.getLogger(FolderImages.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        LabelledImages two;
        try {
            two = data.readAll(2);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(data.size()).as("the damage shows only when the file is decoded").isEqualTo(5);
        assertThat(ids(two.images())).containsExactly(0, 1);
        assertThat(two.labels()).isEmpty();
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.startsWith("Skipping")).singleElement().asString()
                .startsWith("Skipping " + damaged + ": corrupt: ");

        TrainingData strict = TrainingData.open(FolderBatchesTest.config(dir, DataConfig.Crop.CENTER, false,
                DataConfig.BadFiles.FAIL, 2));
        assertThatThrownBy(() -> strict.readAll(2)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(damaged + ": corrupt: ")
                .hasMessageEndingWith("(data.badFiles: fail; set data.badFiles: skip to train without such files)");
    }
}
