package dev.jvmgan.eval;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol: with two splits, one feature network (the larger split's) and one reference (the smaller one). */
class EvaluatorTest {
    private static DataConfig idx(Path file) {
        return new DataConfig(DataSource.IDX, file.toString(), EvalFixtures.SIDE, 1);
    }

    @Test
    void runsOnEitherSplitAreScoredUnderOneFeatureNetworkAgainstTheSmallerSplit(@TempDir Path dir) throws Exception {
        Path train = EvalFixtures.images(dir.resolve("train-images-idx3-ubyte"), EvalFixtures.squares(48, 5));
        EvalFixtures.labels(dir.resolve("train-labels-idx1-ubyte"), 48);
        Path test = EvalFixtures.images(dir.resolve("t10k-images-idx3-ubyte"), EvalFixtures.squares(16, 6));
        EvalFixtures.labels(dir.resolve("t10k-labels-idx1-ubyte"), 16);
        ExtractorCache cache = new ExtractorCache(dir.resolve("cache"));

        Evaluator fromTrain = Evaluator.forData(idx(train), cache);
        Evaluator fromTest = Evaluator.forData(idx(test), cache);

        assertThat(fromTest.extractor().hash()).isEqualTo(fromTrain.extractor().hash());
        assertThat(fromTrain.extractor().trainedOn()).contains("train-images").contains("48 images");
        assertThat(fromTrain.reference().count()).isEqualTo(16);
        assertThat(fromTest.reference().count()).isEqualTo(16);
        assertThat(fromTrain.reference().describe()).contains("t10k-images").isEqualTo(fromTest.reference().describe());
        assertThat(fromTrain.reference().heldOut()).isTrue();
    }

    @Test
    void withoutAnotherSplitTheDataIsBothAndTheScoresSaySo(@TempDir Path dir) throws Exception {
        Path alone = EvalFixtures.images(dir.resolve("alone-images-idx3-ubyte"), EvalFixtures.squares(24, 7));
        EvalFixtures.labels(dir.resolve("alone-labels-idx1-ubyte"), 24);

        Evaluator evaluator = Evaluator.forData(idx(alone), new ExtractorCache(dir.resolve("cache")));

        assertThat(evaluator.extractor().trainedOn()).contains("alone-images");
        assertThat(evaluator.reference().count()).isEqualTo(24);
        assertThat(evaluator.reference().heldOut()).isFalse();
    }
}
