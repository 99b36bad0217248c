package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

class HostReductionsTest {
    private static final Random RANDOM = new Random(7);

    /** Arrays laid out every way the checks meet them: fresh, 'f' (DL4J's dense weights), views at an offset. */
    private static List<INDArray> contiguous(DataType type) {
        INDArray parent = random(type, 'c', 6, 40);
        return List.of(random(type, 'c', 3, 4, 5, 2), random(type, 'f', 7, 9), parent.getRow(2),
                parent.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all()),
                parent.reshape(240).get(NDArrayIndex.interval(40, 130)).reshape('f', 9, 10));
    }

    @Test
    void sumOfSquaresIsTheDoubleSumOfEveryEntry() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (INDArray a : contiguous(type)) {
                double expected = 0;
                for (double x : a.castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
                    expected += x * x;
                }
                assertThat(HostReductions.sumOfSquares(a)).hasValueCloseTo(expected, within(1e-12 * expected));
            }
        }
    }

    @Test
    void squaredDifferencesPairTheSameElements() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (INDArray a : contiguous(type)) {
                INDArray b = a.dup(a.ordering()).addi(0.25).muli(1.5);
                double[] x = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                double[] y = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                double expected = 0;
                for (int i = 0; i < x.length; i++) {
                    expected += (y[i] - x[i]) * (y[i] - x[i]);
                }
                assertThat(HostReductions.sumOfSquaredDifferences(b, a))
                        .hasValueCloseTo(expected, within(1e-12 * expected));
            }
        }
        // The same values in the other ordering are other elements in memory: refused, not mispaired.
        INDArray c = random(DataType.FLOAT, 'c', 4, 6);
        assertThat(HostReductions.sumOfSquaredDifferences(c, c.dup('f'))).isEmpty();
        assertThat(HostReductions.sumOfSquaredDifferences(c, random(DataType.FLOAT, 'c', 6, 4))).isEmpty();
    }

    @Test
    void countsPerUnitAreExactAndAgreeWithNd4jAtZero() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (INDArray a : contiguous(type)) {
                if (a.rank() < 2) {
                    continue;
                }
                for (double threshold : new double[]{0.0, -0.4, 0.3}) {
                    long[] counts = HostReductions.countPerUnit(a, threshold, true);
                    long[] strict = HostReductions.countPerUnit(a, threshold, false);
                    for (int u = 0; u < a.size(1); u++) {
                        INDArray unit = a.get(NDArrayIndex.all(), NDArrayIndex.point(u));
                        assertThat(counts[u]).as("unit %d <= %s", u, threshold)
                                .isEqualTo(countBelow(unit, threshold, true));
                        assertThat(strict[u]).isEqualTo(countBelow(unit, threshold, false));
                    }
                }
                // The never-positive count, ND4J's way (the route for every other array).
                INDArray nd4j = Nd4j.getExecutioner().exec(new MatchCondition(a, Conditions.lessThanOrEqual(0.0),
                        java.util.stream.IntStream.range(0, a.rank()).filter(d -> d != 1).toArray()));
                long[] counts = HostReductions.countPerUnit(a, 0.0, true);
                for (int u = 0; u < a.size(1); u++) {
                    assertThat(counts[u]).isEqualTo(nd4j.getLong(u));
                }
            }
        }
    }

    @Test
    void boundaryAndNanAreCountedAsTheConditionsSay() {
        // Unit 0: 0 (counted only inclusive), -1; unit 1: NaN (never counted), 2.
        INDArray a = Nd4j.createFromArray(new float[][]{{0f, Float.NaN}, {-1f, 2f}});
        assertThat(HostReductions.countPerUnit(a, 0.0, true)).containsExactly(2, 0);
        assertThat(HostReductions.countPerUnit(a, 0.0, false)).containsExactly(1, 0);
        assertThat(HostReductions.sumOfSquares(a).getAsDouble()).isNaN();
    }

    @Test
    void arraysWithGapsOrOtherTypesAreLeftToNd4j() {
        INDArray matrix = random(DataType.FLOAT, 'c', 5, 6);
        INDArray column = matrix.getColumn(2);                          // stride 6
        INDArray everyOther = matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6));
        for (INDArray gaps : List.of(column, everyOther, matrix.castTo(DataType.BFLOAT16),
                matrix.castTo(DataType.FLOAT16))) {
            assertThat(HostReductions.sumOfSquares(gaps)).as("%s", gaps.shapeInfoToString()).isEmpty();
            assertThat(HostReductions.countPerUnit(gaps.reshape(gaps.length(), 1), 0, true)).isNull();
        }
        assertThat(HostReductions.sumOfSquares(Nd4j.empty(DataType.FLOAT))).isEmpty();
    }

    private static long countBelow(INDArray unit, double threshold, boolean inclusive) {
        long n = 0;
        for (double x : unit.castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
            if (x < threshold || inclusive && x == threshold) {
                n++;
            }
        }
        return n;
    }

    /** Entries from {-0.4, 0, 0.3} (the thresholds exactly) and Gaussians, so every boundary occurs. */
    private static INDArray random(DataType type, char order, long... shape) {
        INDArray a = Nd4j.create(type, shape, order);
        double[] specials = {-0.4, 0.0, 0.3};
        for (long i = 0; i < a.length(); i++) {
            double x = RANDOM.nextInt(4) == 0 ? specials[RANDOM.nextInt(3)] : RANDOM.nextGaussian();
            a.putScalar(i, type == DataType.FLOAT ? (float) x : x);
        }
        return a;
    }
}
