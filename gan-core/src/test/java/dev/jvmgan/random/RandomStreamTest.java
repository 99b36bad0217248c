package dev.jvmgan.random;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RandomStreamTest {

    @Test
    void uniformStreamIsSplitMix64AsTheJdkSpecifiesIt() {
        for (long seed : new long[]{0, 1, -7, 0x123456789ABCDEFL}) {
            RandomStream ours = new RandomStream(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
                assertThat(ours.nextDouble()).isEqualTo(jdk.nextDouble());
            }
        }
        // The first output of seed 0 in Vigna's reference splitmix64.c.
        assertThat(new RandomStream(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void boundedIntegersCoverTheirRangeAndNothingElse() {
        RandomStream stream = new RandomStream(3);
        int[] counts = new int[7];
        for (int i = 0; i < 7000; i++) {
            counts[stream.nextInt(-3, 3) + 3]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(850, 1150); // 1000 expected, sd ~29
        }
        assertThatThrownBy(() -> stream.nextInt(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> stream.nextInt(2, 1)).hasMessageContaining("empty range");
    }

    @Test
    void gaussiansHaveUnitVariance() {
        RandomStream stream = new RandomStream(11);
        double sum = 0;
        double squares = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            double g = stream.nextGaussian();
            sum += g;
            squares += g * g;
        }
        assertThat(sum / n).isCloseTo(0, within(0.03)); // sd of the mean ~0.007
        assertThat(squares / n).isCloseTo(1, within(0.05)); // sd ~0.01
    }

    @Test
    void restoringTheStateRepeatsTheDraws() {
        RandomStream stream = new RandomStream(5);
        stream.nextGaussian();
        stream.nextInt(10);
        long saved = stream.state();
        double[] first = {stream.nextDouble(), stream.nextGaussian(), stream.nextInt(1000)};
        RandomStream resumed = new RandomStream(999);
        resumed.restore(saved);
        assertThat(new double[]{resumed.nextDouble(), resumed.nextGaussian(), resumed.nextInt(1000)})
                .containsExactly(first);
    }
}
