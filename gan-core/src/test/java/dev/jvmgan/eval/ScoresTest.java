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
}
