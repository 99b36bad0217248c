package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void swappedLettersCostOneEdit() {
        assertThat(DidYouMean.distance("latnetdim", "latentdim")).isEqualTo(1);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void caseSlipsAreTheClosest() {
        assertThat(DidYouMean.closest("batchsize", List.of("iterations", "batchSize", "seed")))
                .contains("batchSize");
    }

    @Test
    void farOrOneLetterWordsGetNoSuggestion() {
        assertThat(DidYouMean.closest("optimizer", List.of("name", "data", "model", "train", "output"))).isEmpty();
        assertThat(DidYouMean.closest("x", List.of("g", "d"))).isEmpty();
    }
}
