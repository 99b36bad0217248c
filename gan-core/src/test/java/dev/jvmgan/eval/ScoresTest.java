package dev.jvmgan.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static dev.jvmgan.eval.FrechetDistanceTest.samples;
import static org.assertj.core.api.Assertions.assertThat;

/** A score carries its sample counts and the extractor's hash, and equals its metrics computed one by one. */
class ScoresTest {
    @Test
    void carriesCountsAndTheExtractorsHash() {
        double[][] real = samples(300, 4, 0, 1, 1);
        double[][] fake = samples(200, 4, 0.3, 1, 2);

        Scores scores = Scores.of(real, fake, "ab".repeat(32), 9);

        assertThat(scores.fd()).isEqualTo(FrechetDistance.between(real, fake));
        assertThat(scores.kid()).isEqualTo(KernelDistance.between(real, fake, 9));
        assertThat(scores.prdc()).isEqualTo(PrecisionRecall.between(real, fake));
        var json = scores.toJson(new ObjectMapper());
        assertThat(json.get("extractor").asText()).isEqualTo("ab".repeat(32));
        assertThat(json.get("realCount").asInt()).isEqualTo(300);
        assertThat(json.get("fakeCount").asInt()).isEqualTo(200);
        assertThat(scores.summary()).contains("200 generated against 300 real, extractor abababababab");
    }

    @Test
    void aReferenceWithItsStatisticsComputedOnceScoresAsTheRawFeatures() {
        double[][] real = samples(300, 4, 0, 1, 3);
        double[][] fake = samples(200, 4, 0.3, 1.2, 4);
        Reference reference = Reference.of(real, "test", true);

        // Records compare their components: FD, KID, PRDC and the counts must all be the same numbers.
        assertThat(Scores.of(reference, fake, "h", 5)).isEqualTo(Scores.of(real, fake, "h", 5));
        assertThat(Scores.of(reference, samples(50, 4, 1, 1, 6), "h", 5))
                .isEqualTo(Scores.of(real, samples(50, 4, 1, 1, 6), "h", 5));
    }
}
