package dev.jvmgan.ema;

import dev.jvmgan.batchnorm.RunningStatistics;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterAverageTest {

    private static RunningStatistics noBatchNorm() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new DenseLayer.Builder().nIn(2).nOut(1).build()).build());
        net.init(); // 3 parameters
        return RunningStatistics.of(net);
    }

    @Test
    void lerpFromTheNearerEnd() {
        ParameterAverage average = new ParameterAverage(noBatchNorm());
        INDArray ema = Nd4j.createFromArray(1.0, 2.0, 3.0).reshape(1, 3);
        INDArray g = Nd4j.createFromArray(3.0, 2.0, -1.0).reshape(1, 3);
        // beta 0.75: ema - 0.25 (ema - g) = 1 + 0.5, 2, 3 - 1
        average.update(ema, g, 0.75);
        assertThat(ema.toDoubleVector()).containsExactly(1.5, 2.0, 2.0);
        // beta 0.25: g + 0.25 (ema - g) = 3 - 0.375, 2, -1 + 0.75
        average.update(ema, g, 0.25);
        assertThat(ema.toDoubleVector()).containsExactly(2.625, 2.0, -0.25);
        assertThat(g.toDoubleVector()).containsExactly(3.0, 2.0, -1.0);
    }

    @Test
    void theEndsAreExact() {
        ParameterAverage average = new ParameterAverage(noBatchNorm());
        INDArray ema = Nd4j.createFromArray(0.1, 1e-9, 7.3).reshape(1, 3);
        INDArray kept = ema.dup();
        INDArray g = Nd4j.createFromArray(1e9, -3.7, 0.3).reshape(1, 3);
        average.update(ema, g, 1.0);
        assertThat(ema).isEqualTo(kept);
        average.update(ema, g, 0.0);
        assertThat(ema).isEqualTo(g);
    }

    @Test
    void runningStatisticsAreCopiedNotAveraged() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(1).build())
                .build());
        net.init(); // 37 parameters, running mean and log10 std at 24..31
        ParameterAverage average = new ParameterAverage(RunningStatistics.of(net));
        INDArray ema = Nd4j.zeros(DataType.DOUBLE, 1, 37);
        INDArray g = Nd4j.zeros(DataType.DOUBLE, 1, 37).addi(2);
        average.update(ema, g, 0.75);
        for (int i = 0; i < 37; i++) {
            assertThat(ema.getDouble(i)).as("position %d", i).isEqualTo(i >= 24 && i < 32 ? 2.0 : 0.5);
        }
    }

    @Test
    void floatAveragesRepeatBitwise() {
        ParameterAverage average = new ParameterAverage(noBatchNorm());
        INDArray a = Nd4j.createFromArray(0.1f, 0.2f, 0.3f).reshape(1, 3);
        INDArray b = a.dup();
        for (int step = 0; step < 50; step++) {
            INDArray g = Nd4j.createFromArray((float) Math.sin(step), (float) Math.cos(step), step * 0.01f)
                    .reshape(1, 3);
            double beta = EmaSchedule.withoutRampUp(640).beta(64, step * 64L);
            average.update(a, g, beta);
            average.update(b, g.dup(), beta);
        }
        assertThat(a).isEqualTo(b);
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void rejectsMismatches() {
        ParameterAverage average = new ParameterAverage(noBatchNorm());
        assertThatThrownBy(() -> average.update(Nd4j.zeros(1, 3), Nd4j.zeros(1, 3), 1.5)).hasMessageContaining("beta");
        assertThatThrownBy(() -> average.update(Nd4j.zeros(1, 3), Nd4j.zeros(1, 4), 0.5))
                .hasMessageContaining("entries");
    }
}
