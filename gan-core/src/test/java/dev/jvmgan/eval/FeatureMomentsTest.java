package dev.jvmgan.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Mean and unbiased covariance by hand. */
class FeatureMomentsTest {
    @Test
    void meanAndUnbiasedCovarianceByHand() {
        // x = (1, 2), (3, 6), (5, 4): mean (3, 4); centred (-2, -2), (0, 2), (2, 0);
        // sums of products: xx 8, yy 8, xy 4; divided by n - 1 = 2: [[4, 2], [2, 4]].
        FeatureMoments m = FeatureMoments.of(new double[][]{{1, 2}, {3, 6}, {5, 4}});
        assertThat(m.mean()).containsExactly(3, 4);
        assertThat(m.covariance()[0]).containsExactly(new double[]{4, 2}, within(1e-15));
        assertThat(m.covariance()[1]).containsExactly(new double[]{2, 4}, within(1e-15));
        assertThat(m.count()).isEqualTo(3);
    }
}
