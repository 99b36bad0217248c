package dev.jvmgan.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Per-class scores on hand-made labels and features, where the answers are known without the code under test. */
class ClassScoresTest {
    private static double[][] gaussian(int n, int dims, double shift, long seed) {
        Random rng = new Random(seed);
        double[][] rows = new double[n][dims];
        for (double[] row : rows) {
            for (int j = 0; j < dims; j++) {
                row[j] = shift + rng.nextGaussian();
            }
        }
        return rows;
    }

    private static double[][] rows(double[][] all, int... index) {
        double[][] picked = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            picked[i] = all[index[i]];
        }
        return picked;
    }

    @Test
    void agreementIsTheShareOfEachClassesImagesClassifiedAsIt() {
        int[] madeAs = {0, 0, 0, 1, 1};
        int[] predicted = {0, 1, 0, 1, 1};
        ClassScores scores = ClassScores.of(List.of("a", "b"), madeAs, predicted, gaussian(5, 3, 0, 1), null, null,
                gaussian(4, 3, 0, 2), null, "no labels");

        // Class a: 2 of its 3 images classified as a; class b: both; overall 4 of 5.
        assertThat(scores.rows().get(0).agreement()).isEqualTo(2.0 / 3);
        assertThat(scores.rows().get(1).agreement()).isEqualTo(1.0);
        assertThat(scores.agreement()).isEqualTo(4.0 / 5);
        assertThat(scores.rows().get(0).generated()).isEqualTo(3);
        assertThat(scores.agreementNote()).isNull();
        assertThat(scores.intraFdNote()).isEqualTo("no labels");
        assertThat(scores.meanIntraFd()).isNull();
    }

    @Test
    void intraFdIsTheFrechetDistanceOfEachClassesOwnImagesAndItsMeanOverClasses() {
        double[][] fakes = gaussian(7, 3, 0.5, 3);
        double[][] reals = gaussian(6, 3, 0, 4);
        int[] madeAs = {1, 0, 1, 0, 0, 1, 1};
        int[] realLabels = {0, 1, 0, 0, 1, 1};

        ClassScores scores = ClassScores.of(List.of("a", "b"), madeAs, null, fakes, realLabels, null, reals,
                "rotations", null);

        double a = FrechetDistance.between(rows(reals, 0, 2, 3), rows(fakes, 1, 3, 4));
        double b = FrechetDistance.between(rows(reals, 1, 4, 5), rows(fakes, 0, 2, 5, 6));
        assertThat(scores.rows().get(0).intraFd()).isEqualTo(a);
        assertThat(scores.rows().get(1).intraFd()).isEqualTo(b);
        assertThat(scores.meanIntraFd()).isCloseTo((a + b) / 2, within(1e-12));
        assertThat(a).isNotEqualTo(b);
        assertThat(scores.rows().get(1).real()).isEqualTo(3);
        assertThat(scores.rows().get(1).generated()).isEqualTo(4);
        assertThat(scores.agreement()).isNull();
        assertThat(scores.agreementNote()).isEqualTo("rotations");
        assertThat(scores.table()).contains("class agreement: rotations");
    }

    @Test
    void aClassWithFewerThanTwoImagesOnASideHasNoIntraFdAndLeavesTheMean() {
        double[][] fakes = gaussian(5, 2, 0, 5);
        double[][] reals = gaussian(5, 2, 0, 6);
        int[] madeAs = {0, 0, 1, 0, 1};
        int[] realLabels = {0, 0, 1, 1, 0};
        ClassScores scores = ClassScores.of(List.of("a", "b", "c"), madeAs, null, fakes, realLabels, null, reals,
                "-", null);

        double a = FrechetDistance.between(rows(reals, 0, 1, 4), rows(fakes, 0, 1, 3));
        double b = FrechetDistance.between(rows(reals, 2, 3), rows(fakes, 2, 4));
        assertThat(scores.rows().get(2).intraFd()).isNull();
        assertThat(scores.rows().get(2).generated()).isZero();
        assertThat(scores.meanIntraFd()).isCloseTo((a + b) / 2, within(1e-12));
    }

    @Test
    void realAgreementIsTheShareOfEachClassesRealImagesClassifiedAsIt() {
        int[] madeAs = {0, 1, 2, 0, 1, 2};
        int[] predicted = {0, 1, 2, 0, 1, 2};
        int[] realLabels = {0, 0, 0, 1, 1, 0, 1};
        int[] realPredicted = {0, 1, 0, 1, 0, 2, 1};
        ClassScores scores = ClassScores.of(List.of("a", "b", "c"), madeAs, predicted, gaussian(6, 2, 0, 9),
                realLabels, realPredicted, gaussian(7, 2, 0, 10), null, null);

        // Real a (images 0, 1, 2, 5): 0 and 2 classified as a, so 2 of 4; real b (3, 4, 6): 3 and 6, 2 of 3;
        // no real c, so no share; overall 4 of the 7 real images. The generated images all agree, which must not leak.
        assertThat(scores.rows()).extracting(ClassScores.Row::realAgreement).containsExactly(0.5, 2.0 / 3, null);
        assertThat(scores.realAgreement()).isEqualTo(4.0 / 7);
        assertThat(scores.rows()).extracting(ClassScores.Row::agreement).containsExactly(1.0, 1.0, 1.0);
        assertThat(scores.table()).contains("real agreement").contains("50.0%").contains("66.7%").contains("57.1%");
    }

    @Test
    void realAgreementIsNotDefinedWithoutTheNetworksClassesOrTheReferencesLabels() {
        int[] madeAs = {0, 1};
        int[] realLabels = {0, 1};
        int[] realPredicted = {0, 1};
        ClassScores noClasses = ClassScores.of(List.of("a", "b"), madeAs, null, gaussian(2, 2, 0, 11), realLabels,
                realPredicted, gaussian(2, 2, 0, 12), "rotations", null);
        ClassScores noLabels = ClassScores.of(List.of("a", "b"), madeAs, madeAs, gaussian(2, 2, 0, 11), null,
                realPredicted, gaussian(2, 2, 0, 12), null, "no labels");

        assertThat(noClasses.realAgreement()).isNull();
        assertThat(noClasses.rows()).extracting(ClassScores.Row::realAgreement).containsOnlyNulls();
        assertThat(noClasses.agreementNote()).isEqualTo("rotations");
        assertThat(noLabels.realAgreement()).isNull();
        assertThat(noLabels.rows()).extracting(ClassScores.Row::realAgreement).containsOnlyNulls();
        assertThat(noLabels.agreement()).isEqualTo(1.0);
        assertThat(noLabels.toJson(new ObjectMapper()).get("realClassAgreement").isNull()).isTrue();
    }

    @Test
    void jsonHasTheOverallScoresAndARowPerClass() {
        ClassScores scores = ClassScores.of(List.of("a", "b"), new int[] {0, 1, 0, 1}, new int[] {0, 0, 0, 1},
                gaussian(4, 2, 0, 7), new int[] {0, 1, 0, 1}, new int[] {1, 1, 1, 1}, gaussian(4, 2, 0, 8), null,
                null);
        JsonNode json = scores.toJson(new ObjectMapper());

        assertThat(json.get("classAgreement").asDouble()).isEqualTo(0.75);
        // Every real image is classified as b: real a (images 0, 2) none of 2, real b (1, 3) both; overall 2 of 4.
        assertThat(json.get("realClassAgreement").asDouble()).isEqualTo(0.5);
        assertThat(json.get("perClass").get(0).get("realAgreement").asDouble()).isEqualTo(0.0);
        assertThat(json.get("perClass").get(1).get("realAgreement").asDouble()).isEqualTo(1.0);
        assertThat(json.get("meanIntraFd").isNumber()).isTrue();
        assertThat(json.get("perClass")).hasSize(2);
        JsonNode b = json.get("perClass").get(1);
        assertThat(b.get("index").asInt()).isEqualTo(1);
        assertThat(b.get("class").asText()).isEqualTo("b");
        assertThat(b.get("agreement").asDouble()).isEqualTo(0.5);
        assertThat(b.get("intraFd").asDouble()).isEqualTo(scores.rows().get(1).intraFd());
        assertThat(b.get("generated").asInt()).isEqualTo(2);
        assertThat(b.get("real").asInt()).isEqualTo(2);
        assertThat(json.has("classAgreementNote")).isFalse();
    }
}
