package dev.jvmgan.eval;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation's real images: content fingerprints, labels, the other split, and the pixels' float levels. */
class RealImagesTest {
    private static DataConfig idx(Path file) {
        return new DataConfig(DataSource.IDX, file.toString(), EvalFixtures.SIDE, 1);
    }

    @Test
    void theFingerprintAndSoTheCacheKeyChangeWhenOnePixelChanges(@TempDir Path dir) throws Exception {
        byte[] pixels = EvalFixtures.squares(20, 1);
        Path a = EvalFixtures.images(dir.resolve("a-images-idx3-ubyte"), pixels);
        Path copy = EvalFixtures.images(dir.resolve("copy-images-idx3-ubyte"), pixels.clone());
        byte[] changed = pixels.clone();
        changed[77] ^= 1;
        Path b = EvalFixtures.images(dir.resolve("b-images-idx3-ubyte"), changed);

        String fa = RealImages.open(idx(a)).fingerprint();
        String fb = RealImages.open(idx(b)).fingerprint();

        // The same content at another path is the same data; one pixel differs and it is not.
        assertThat(RealImages.open(idx(copy)).fingerprint()).isEqualTo(fa);
        assertThat(fb).isNotEqualTo(fa);
        var settings = DomainClassifier.Settings.DEFAULT;
        assertThat(ExtractorCache.key(fb, 1, 8, "rotations", settings))
                .isNotEqualTo(ExtractorCache.key(fa, 1, 8, "rotations", settings));
        assertThat(RealImages.open(idx(a)).first(19).fingerprint()).isNotEqualTo(fa);
    }

    @Test
    void labelsComeFromTheSiblingFileAndChangeTheFingerprint(@TempDir Path dir) throws Exception {
        byte[] pixels = EvalFixtures.squares(10, 2);
        Path unlabelled = EvalFixtures.images(dir.resolve("u-images-idx3-ubyte"), pixels);
        Path labelled = EvalFixtures.images(dir.resolve("l-images-idx3-ubyte"), pixels);
        EvalFixtures.labels(dir.resolve("l-labels-idx1-ubyte"), 10);

        RealImages without = RealImages.open(idx(unlabelled));
        RealImages with = RealImages.open(idx(labelled));

        assertThat(without.classLabels()).isEmpty();
        assertThat(with.classLabels()).hasValueSatisfying(l -> assertThat(l).containsExactly(0, 1, 0, 1, 0, 1, 0, 1,
                0, 1));
        assertThat(with.classes()).isEqualTo(2);
        assertThat(with.fingerprint()).isNotEqualTo(without.fingerprint());
    }

    @Test
    void theOtherSplitIsTheMnistStyleSiblingWhenItExists(@TempDir Path dir) throws Exception {
        Path train = EvalFixtures.images(dir.resolve("train-images-idx3-ubyte"), EvalFixtures.squares(10, 3));
        Path alone = EvalFixtures.images(dir.resolve("other-images-idx3-ubyte"), EvalFixtures.squares(10, 3));

        assertThat(RealImages.open(idx(train)).otherSplit()).isEmpty();
        Path test = EvalFixtures.images(dir.resolve("t10k-images-idx3-ubyte"), EvalFixtures.squares(12, 4));

        assertThat(RealImages.open(idx(train)).otherSplit()).hasValueSatisfying(c ->
                assertThat(Path.of(c.path())).isEqualTo(test));
        assertThat(RealImages.open(idx(test)).otherSplit()).hasValueSatisfying(c ->
                assertThat(Path.of(c.path())).isEqualTo(train));
        assertThat(RealImages.open(idx(alone)).otherSplit()).isEmpty();
    }

    @Test
    void batchesHoldWhatTrainingFeedsTheDiscriminator(@TempDir Path dir) throws Exception {
        byte[] pixels = new byte[64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 4 + 1);
        }
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        DataConfig config = idx(EvalFixtures.images(dir.resolve("p-images-idx3-ubyte"), pixels));

        INDArray scored = RealImages.open(config).images(new int[] {0});
        INDArray trained;
        try (BatchSource batches = TrainingData.open(config).batches(1, 0)) {
            trained = batches.next();
        }

        assertThat(scored).isEqualTo(trained);
        assertThat(scored.getFloat(0, 0, 0, 0)).isEqualTo(-1f);
        assertThat(scored.getFloat(0, 0, 0, 1)).isEqualTo(1f);
    }
}
