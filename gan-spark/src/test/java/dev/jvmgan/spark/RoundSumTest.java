package dev.jvmgan.spark;

import dev.jvmgan.train.IterationStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sum and mean of partitions' results, as the tree aggregation meets them in any grouping. */
class RoundSumTest {
    private static final int[] LENGTHS = {2, 1, 0, 0, 0};

    private static RoundSum partition(int p, float a, float b, float c, double dLoss) {
        return RoundSum.of(p, new ModelState(new float[] {a, b, c}, LENGTHS, 7, 7),
                List.of(new IterationStats(1, 4, dLoss, 2 * dLoss, 0.5, 0.25, 0.1)),
                new PartitionCarry("{\"p\":" + p + "}", Map.of()));
    }

    @Test
    void theMeanIsEachValuesSumOverThePartitionsRoundedOnce() {
        // 0.1f + 0.2f + 0.4f summed in float and divided would round twice; the double sum rounds once.
        RoundSum left = RoundSum.empty().add(partition(0, 0.1f, 1f, -3f, 1.0))
                .add(partition(1, 0.2f, 2f, 5f, 2.0));
        RoundSum sum = left.add(RoundSum.empty().add(partition(2, 0.4f, 6f, 1f, 6.0)));

        assertThat(sum.partitions()).isEqualTo(3);
        assertThat(sum.average().values()).containsExactly(
                (float) (((double) 0.1f + (double) 0.2f + (double) 0.4f) / 3), 3f, 1f);
        assertThat(sum.average().gUpdates()).isEqualTo(7);
        IterationStats mean = sum.stats(0, 11, 48);
        assertThat(mean.iteration()).isEqualTo(11);
        assertThat(mean.imagesSeen()).isEqualTo(48);
        assertThat(mean.dLoss()).isEqualTo(3.0);
        assertThat(mean.gLoss()).isEqualTo(6.0);
        assertThat(sum.carries().keySet()).containsExactly(0, 1, 2);
        assertThat(sum.carries().get(2).streamsJson()).isEqualTo("{\"p\":2}");
    }

    @Test
    void oneCopyIsItsOwnMeanBitForBit() {
        float odd = Math.nextUp(1f / 3);
        assertThat(RoundSum.empty().add(partition(0, odd, -0f, Float.MIN_VALUE, 1)).average().values())
                .containsExactly(odd, -0f, Float.MIN_VALUE);
    }

    @Test
    void partitionsThatTookDifferentStepsAreRefused() {
        RoundSum other = RoundSum.of(1, new ModelState(new float[] {1, 2, 3}, LENGTHS, 8, 7),
                List.of(new IterationStats(1, 4, 1, 1, 1, 1, 1)), new PartitionCarry("{}", Map.of()));
        assertThatThrownBy(() -> RoundSum.empty().add(partition(0, 1, 2, 3, 1)).add(other))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("update counts");
    }
}
