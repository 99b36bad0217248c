package dev.jvmgan.batchnorm;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
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

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StandingStatisticsTest {

    @Test
    void afterOnePassInferenceOnThatBatchIsWhatTheTrainingModePassGave() {
        // A small DCGAN G in double: batch norm after its dense layer and after its first deconvolution.
        NetworkConfig g = new NetworkConfig("dcgan", List.of(4, 2), ActivationConfig.relu(), true, 0.02);
        ModelConfig model = new ModelConfig(4, g, g);
        MultiLayerNetwork net = NetworkFactory.generator(model, OptimizerConfig.dcganAdam(), new ImageShape(1, 8), 1,
                DataType.DOUBLE);
        TrainableNetwork generator = TrainableNetworks.of(net);
        INDArray z = gaussian(5, 6, 4);
        INDArray training = generator.forward(z).dup();
        // The initial running statistics (mean 0, std 1) are not this batch's: inference differs before ...
        assertThat(maxAbsDifference(generator.output(z), training)).isGreaterThan(1e-3);

        int layers = StandingStatistics.recompute(generator, 1, k -> generator.forward(z));

        assertThat(layers).isEqualTo(bnLayers(net));
        assertThat(layers).isGreaterThanOrEqualTo(2);
        // ... and after one standing pass over it, every layer normalises with that batch's statistics.
        assertThat(maxAbsDifference(generator.output(z), training)).isLessThan(1e-12);
        assertThat(maxAbsDifference(generator.forward(z), training)).isZero();
    }

    @Test
    void aGraphsLayersGetTheirsToo() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).graphBuilder().addInputs("in")
                .addLayer("fc", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "fc")
                .addLayer("out", new DenseLayer.Builder().nOut(2).activation(Activation.TANH).build(), "bn")
                .setOutputs("out").setInputTypes(InputType.feedForward(3)).build());
        graph.init();
        TrainableNetwork network = TrainableNetworks.of(graph);
        INDArray batch = gaussian(11, 6, 3).muli(2).addi(0.5);
        INDArray training = network.forward(batch).dup();
        assertThat(maxAbsDifference(network.output(batch), training)).isGreaterThan(1e-3);

        assertThat(StandingStatistics.recompute(network, 1, k -> network.forward(batch))).isEqualTo(1);

        assertThat(maxAbsDifference(network.output(batch), training)).isLessThan(1e-12);
    }

    @Test
    void theStatisticsAreTheAverageOfTheBatchMeansAndBiasedVariances() {
        for (boolean logStd : new boolean[] {true, false}) {
            MultiLayerNetwork net = RunningStatisticsTest.denseBatchNormDense(logStd);
            TrainableNetwork trainable = TrainableNetworks.of(net);
            INDArray[] batches = {gaussian(7, 3, 3), gaussian(8, 5, 3).muli(3).addi(1), gaussian(9, 2, 3)};
            INDArray weights = net.getLayer(0).getParam("W");
            INDArray bias = net.getLayer(0).getParam("b");
            double[] mean = new double[4];
            double[] var = new double[4];
            for (INDArray batch : batches) {
                // By hand: the dense layer's output x W + b, then per column the mean and the biased variance.
                double[][] x = batch.toDoubleMatrix();
                for (int c = 0; c < 4; c++) {
                    double[] column = new double[x.length];
                    for (int n = 0; n < x.length; n++) {
                        column[n] = bias.getDouble(c);
                        for (int i = 0; i < 3; i++) {
                            column[n] += x[n][i] * weights.getDouble(i, c);
                        }
                    }
                    double m = 0;
                    for (double v : column) {
                        m += v / column.length;
                    }
                    double s = 0;
                    for (double v : column) {
                        s += (v - m) * (v - m) / column.length;
                    }
                    mean[c] += m / batches.length;
                    var[c] += s / batches.length;
                }
            }

            StandingStatistics.recompute(trainable, batches.length, k -> trainable.forward(batches[k]));

            INDArray savedMean = net.getLayer(1).getParam("mean");
            INDArray saved = net.getLayer(1).getParam(logStd ? "log10stdev" : "var");
            for (int c = 0; c < 4; c++) {
                assertThat(savedMean.getDouble(c)).as("mean %d", c).isCloseTo(mean[c], within(1e-12));
                double savedVar = logStd ? Math.pow(10, 2 * saved.getDouble(c)) : saved.getDouble(c);
                assertThat(savedVar).as("variance %d, logStd %s", c, logStd).isCloseTo(var[c], within(1e-12 * var[c]));
            }
        }
    }

    @Test
    void aNetworkWithoutBatchNormIsLeftAloneAndNoPassRuns() {
        MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new DenseLayer.Builder().nIn(3).nOut(1).build()).build());
        plain.init();
        INDArray before = plain.params().dup();
        AtomicInteger passes = new AtomicInteger();

        assertThat(StandingStatistics.recompute(TrainableNetworks.of(plain), 5, k -> passes.incrementAndGet()))
                .isZero();
        assertThat(passes.get()).isZero();
        assertThat(plain.params()).isEqualTo(before);
        assertThatThrownBy(() -> StandingStatistics.recompute(TrainableNetworks.of(plain), 0, k -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one pass");
    }

    private static int bnLayers(MultiLayerNetwork net) {
        int n = 0;
        for (var layer : net.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                n++;
            }
        }
        return n;
    }

    private static INDArray gaussian(long seed, int rows, int columns) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(values);
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
