package dev.jvmgan.eval;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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
        // The reference's features come with its classes now; they must be the very rows features() gives.
        assertThat(fromTrain.reference().features())
                .isEqualTo(fromTrain.extractor().features(RealImages.open(idx(test))));
        assertThat(fromTrain.classes().referencePredicted()).hasSize(16);
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

    private static int[] alternating(int n) {
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i % 2;
        }
        return classes;
    }

    @Test
    void perClassScoresOfTheReferencesOwnImagesMatchClassByClass(@TempDir Path dir) throws Exception {
        Path alone = EvalFixtures.images(dir.resolve("alone-images-idx3-ubyte"), EvalFixtures.squares(24, 7));
        EvalFixtures.labels(dir.resolve("alone-labels-idx1-ubyte"), 24);
        Evaluator evaluator = Evaluator.forData(idx(alone), new ExtractorCache(dir.resolve("cache")));
        List<String> names = List.of("0", "1");

        // The "generated" images are the reference itself, each made as its own label: every class's own set.
        Evaluation e = evaluator.evaluate("itself", 1L, RealImages.open(idx(alone)), "all", names,
                List.of("top left", "bottom right"), alternating(24));

        ClassScores scores = e.classScores();
        assertThat(scores.intraFdNote()).isNull();
        assertThat(scores.agreementNote()).isNull();
        assertThat(scores.rows()).extracting(ClassScores.Row::name).containsExactly("top left", "bottom right");
        assertThat(scores.rows()).extracting(ClassScores.Row::real).containsExactly(12, 12);
        assertThat(scores.rows()).extracting(ClassScores.Row::generated).containsExactly(12, 12);
        for (ClassScores.Row row : scores.rows()) {
            assertThat(row.intraFd()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-6));
            // The generated images are the real ones with their own labels: the ceiling is met, class by class.
            assertThat(row.realAgreement()).isNotNull().isEqualTo(row.agreement());
        }
        assertThat(scores.realAgreement()).isNotNull().isEqualTo(scores.agreement());
        assertThat(e.toJson(new com.fasterxml.jackson.databind.ObjectMapper()).get("perClass")).hasSize(2);

        // A generator of other classes than the data's has neither score, and says why.
        ClassScores other = evaluator.evaluate("other", 1L, RealImages.open(idx(alone)), "all", List.of("a", "b"),
                List.of("a", "b"), alternating(24)).classScores();
        assertThat(other.agreement()).isNull();
        assertThat(other.agreementNote()).contains("learnt the classes [0, 1], not the generator's [a, b]");
        assertThat(other.realAgreement()).isNull();
        assertThat(other.meanIntraFd()).isNull();
        assertThat(other.intraFdNote()).contains("the reference's classes [0, 1] are not the generator's [a, b]");
    }

    @Test
    void underARotationFeatureNetworkClassAgreementIsNotDefinedAndSaysSo(@TempDir Path dir) throws Exception {
        Path alone = EvalFixtures.images(dir.resolve("alone-images-idx3-ubyte"), EvalFixtures.squares(24, 7));
        Evaluator evaluator = Evaluator.forData(idx(alone), new ExtractorCache(dir.resolve("cache")));

        ClassScores scores = evaluator.evaluate("s", 1L, RealImages.open(idx(alone)), "all", List.of("0", "1"),
                List.of("0", "1"), alternating(24)).classScores();

        assertThat(evaluator.extractor().task()).contains("rotation");
        assertThat(scores.agreement()).isNull();
        assertThat(scores.agreementNote()).contains("trained by rotation prediction");
        assertThat(scores.realAgreement()).isNull();
        assertThat(evaluator.classes().referencePredicted()).isNull();
        assertThat(scores.intraFdNote()).contains("the reference images have no class labels");
        assertThat(scores.table()).contains("class agreement: not defined: the feature network was trained by "
                + "rotation prediction");
    }
}
