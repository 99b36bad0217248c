package dev.jvmgan.batchnorm;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import static org.assertj.core.api.Assertions.assertThat;

class RunningStatisticsTest {

    /** dense(3 -> 4), batch norm(4), dense(4 -> 1); DL4J lays out W, b; gamma, beta, mean, log10stdev (or var); W, b. */
    static MultiLayerNetwork denseBatchNormDense(boolean logStd) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(logStd).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void findsMeanAndStandardDeviationAfterGammaAndBeta() {
        for (boolean logStd : new boolean[]{true, false}) {
            RunningStatistics stats = RunningStatistics.of(denseBatchNormDense(logStd));
            // 12 weights and 4 biases, then gamma 16..19, beta 20..23, mean 24..27, log10stdev or var 28..31.
            assertThat(stats.count()).isEqualTo(8);
            for (int i = 0; i < 37; i++) {
                assertThat(stats.contains(i)).as("position %d", i).isEqualTo(i >= 24 && i < 32);
            }
        }
        MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(1).build()).build());
        plain.init();
        assertThat(RunningStatistics.of(plain).isEmpty()).isTrue();
    }

    @Test
    void findsThemInAGraphToo() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).graphBuilder().addInputs("in")
                .addLayer("fc", new DenseLayer.Builder().nOut(4).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "fc")
                .addLayer("out", new DenseLayer.Builder().nOut(1).build(), "bn")
                .setOutputs("out").setInputTypes(InputType.feedForward(3)).build());
        graph.init();
        RunningStatistics stats = RunningStatistics.of(graph);
        assertThat(stats.count()).isEqualTo(8);
        INDArray mean = graph.getLayer("bn").getParam("mean");
        mean.assign(Nd4j.createFromArray(7.0, 8.0, 9.0, 10.0).reshape(mean.shape()));
        INDArray copy = Nd4j.zeros(DataType.DOUBLE, 1, graph.numParams());
        stats.copy(graph.params(), copy);
        assertThat(copy.sumNumber().doubleValue()).isEqualTo(34.0); // the mean's entries and the log std's zeros
    }

    @Test
    void zeroingTheirGradientKeepsThemThroughAnUpdate() {
        INDArray batch = Nd4j.createFromArray(new double[][]{{1, 2, 3}, {-1, 0, 5}, {2, 2, -4}});
        MultiLayerNetwork moved = denseBatchNormDense(true);
        MultiLayerNetwork kept = denseBatchNormDense(true);
        RunningStatistics stats = RunningStatistics.of(kept);
        TrainableNetwork a = TrainableNetworks.of(moved);
        TrainableNetwork b = TrainableNetworks.of(kept);
        for (TrainableNetwork net : new TrainableNetwork[]{a, b}) {
            net.forward(batch);
            // Not constant over the batch: the sum of a batch-normalised output does not depend on the layers below.
            net.backward(Nd4j.createFromArray(new double[][]{{1}, {-2}, {0.5}}));
        }
        stats.zeroIn(kept.getGradientsViewArray());
        a.applyUpdate();
        b.applyUpdate();
        INDArray before = denseBatchNormDense(true).params();
        // DL4J's update moves every running statistic (the batch's mean and spread differ from the initial 0 and 1) ...
        for (int i = 24; i < 32; i++) {
            assertThat(moved.params().getDouble(i)).as("position %d", i).isNotEqualTo(before.getDouble(i));
        }
        // ... unless their gradient entries are zero; every other parameter still learns.
        for (int i = 0; i < before.length(); i++) {
            boolean unchanged = kept.params().getDouble(i) == before.getDouble(i);
            assertThat(unchanged).as("position %d", i).isEqualTo(stats.contains(i));
        }
    }
}
