package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dev.jvmgan.config.ActivationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-built arrays with known per-unit fractions, in float and double. */
class UnitStatsTest {

    /** [2, 3, 2, 2]: channel 0 all <= 0 (zeros count), channel 1 two of eight, channel 2 five of eight. */
    static INDArray conv(DataType type) {
        INDArray a = Nd4j.ones(type, 2, 3, 2, 2);
        a.get(all(), point(0), all(), all()).assign(-0.5);
        a.putScalar(new long[] {0, 0, 1, 1}, 0.0);
        a.putScalar(new long[] {0, 1, 0, 0}, 0.0);
        a.putScalar(new long[] {1, 1, 1, 0}, -3.0);
        long[][] negative = {{0, 2, 0, 0}, {0, 2, 0, 1}, {0, 2, 1, 1}, {1, 2, 0, 0}, {1, 2, 1, 1}};
        for (long[] at : negative) {
            a.putScalar(at, -2.0);
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void convFractionsArePerChannelOverSamplesAndPositions(DataType type) {
        assertThat(UnitStats.nonPositiveFraction(conv(type))).containsExactly(1.0, 0.25, 0.625);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void denseFractionsArePerUnitOverSamples(DataType type) {
        INDArray a = Nd4j.createFromArray(new double[][] {
                {-1, 2, 0, 1, -1},
                {-1, 3, 1, 1, -1},
                {-2, -4, 2, 1, 5},
                {-1, 1, 3, 1, -1}}).castTo(type);
        assertThat(UnitStats.nonPositiveFraction(a)).containsExactly(1.0, 0.25, 0.25, 0.0, 0.75);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aBatchOfOneHasOneEntryPerUnit(DataType type) {
        // train.batchSize 1 is allowed without batch norm; ND4J cannot reduce over the size-1 batch dimension.
        INDArray dense = Nd4j.createFromArray(new double[][] {{-1, 2, 0, -3}}).castTo(type);
        assertThat(UnitStats.nonPositiveFraction(dense)).containsExactly(1.0, 0.0, 1.0, 1.0);
        assertThat(UnitStats.nonPositiveFraction(dense.reshape(1, 4, 1, 1))).containsExactly(1.0, 0.0, 1.0, 1.0);
        INDArray pre = Nd4j.createFromArray(new double[][] {{-5, -1, 0.5}}).castTo(type);
        assertThat(UnitStats.saturatedFraction(pre, ActivationType.ELU)).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void viewsAreCountedByTheirOwnEntries() {
        INDArray wide = Nd4j.ones(DataType.DOUBLE, 4, 6).negi();
        wide.get(all(), interval(3, 6)).assign(1);
        INDArray view = wide.get(all(), interval(2, 5));
        assertThat(UnitStats.nonPositiveFraction(view)).containsExactly(1.0, 0.0, 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void saturatedFractionUsesEachTypesThreshold(DataType type) {
        // Column u holds 4 samples; the thresholds sit between -2.3 (GELU), -3.0 (ELU, SELU) and -4.1 (SiLU).
        INDArray a = Nd4j.createFromArray(new double[][] {
                {-2.0, -2.9, -5.0},
                {-2.4, -3.1, -4.0},
                {1.0, -2.5, -4.2},
                {-9.0, 0.0, 3.0}}).castTo(type);
        assertThat(UnitStats.saturatedFraction(a, ActivationType.GELU)).containsExactly(0.5, 0.75, 0.75);
        assertThat(UnitStats.saturatedFraction(a, ActivationType.ELU)).containsExactly(0.25, 0.25, 0.75);
        assertThat(UnitStats.saturatedFraction(a, ActivationType.SELU)).containsExactly(0.25, 0.25, 0.75);
        assertThat(UnitStats.saturatedFraction(a, ActivationType.SILU)).containsExactly(0.25, 0.0, 0.5);
        for (ActivationType reluLike : new ActivationType[] {ActivationType.RELU, ActivationType.LEAKYRELU,
                ActivationType.PRELU, ActivationType.RRELU}) {
            assertThat(UnitStats.saturatedFraction(a, reluLike)).containsExactly(0.0, 0.0, 0.0);
        }
        assertThat(UnitStats.saturatedFraction(conv(type), ActivationType.ELU)).containsExactly(0.0, 0.125, 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void tanhSaturationCountsBothTails(DataType type) {
        INDArray a = Nd4j.createFromArray(new double[] {-2.5, -2.0, 0.0, 1.9, 2.0, 2.01, 7.0, -0.1}).reshape(2, 1, 2, 2)
                .castTo(type);
        assertThat(UnitStats.tanhSaturatedFraction(a)).isCloseTo(3.0 / 8, within(1e-15));
    }

    @Test
    void rejectsArraysWithoutUnits() {
        assertThatThrownBy(() -> UnitStats.nonPositiveFraction(Nd4j.ones(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[B, N]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> UnitStats.saturatedFraction(Nd4j.ones(0, 3), ActivationType.RELU))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
