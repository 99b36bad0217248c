package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.model.NetworkFactory;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Networks whose dead units are known by construction: units 1 and 3 have zero weights and bias -1, so their
 * pre-activation is -1 on every input; the others have bias +10, far above what the small random weights can take
 * away. The monitor must report exactly units 1 and 3, read from the ActivationLayer's input in a training-mode
 * forward pass, as the training loop will.
 */
class DeadUnitsInNetworkTest {
    private static final int[] DEAD = {1, 3};
    private static final int BATCH = 6;

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void denseLayerReportsExactlyTheUnitsMadeNegative(DataType type) {
        MultiLayerNetwork net = network(type, new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY)
                .name("fc1").build(), InputType.feedForward(3));
        killUnits(net.getLayer("fc1"), 5);
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, 3).subi(0.5).muli(8).castTo(type);
        assertOnlyDeadUnitsReported(net, input, 5);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void convLayerReportsExactlyTheChannelsMadeNegative(DataType type) {
        MultiLayerNetwork net = network(type, new ConvolutionLayer.Builder(3, 3).nOut(4)
                .activation(Activation.IDENTITY).name("conv1").build(), InputType.convolutional(6, 6, 2));
        killUnits(net.getLayer("conv1"), 4);
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, 2, 6, 6).subi(0.5).muli(8).castTo(type);
        assertOnlyDeadUnitsReported(net, input, 4);
    }

    /** The same through the project's own discriminator: conv1 -> act1 (relu), channels 1 and 3 of 4 killed. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void discriminatorFromTheFactoryReportsTheKilledChannels(DataType type) {
        NetworkConfig d = new NetworkConfig("dcgan", List.of(4, 2), ActivationConfig.relu(), false, 0.02);
        NetworkConfig g = new NetworkConfig("dcgan", List.of(2, 4), ActivationConfig.relu(), false, 0.02);
        MultiLayerNetwork net = NetworkFactory.discriminator(new ModelConfig(4, g, d), OptimizerConfig.dcganAdam(),
                new ImageShape(1, 8), 7, type);
        killUnits(net.getLayer("conv1"), 4);
        Nd4j.getRandom().setSeed(11);
        INDArray real = Nd4j.rand(DataType.DOUBLE, BATCH, 1, 8, 8).muli(2).subi(1).castTo(type);
        INDArray fake = Nd4j.randn(DataType.DOUBLE, BATCH, 1, 8, 8).castTo(type);
        int act1 = net.getLayer("act1").getIndex();
        List<double[]> perBatch = List.of(
                UnitStats.nonPositiveFraction(net.feedForward(real, true).get(act1)),
                UnitStats.nonPositiveFraction(net.feedForward(fake, true).get(act1)));
        LayerUnits units = new DeadUnitTracker(2).record(NetworkRole.DISCRIMINATOR, "act1", ActivationType.RELU,
                perBatch, List.of(), null);
        assertThat(units.neverPositive()).isEqualTo(2);
        assertThat(units.neverPositiveFraction()).isEqualTo(0.5);
        assertThat(units.label()).isEqualTo("dead");
    }

    private static void assertOnlyDeadUnitsReported(MultiLayerNetwork net, INDArray input, int width) {
        int act = net.getLayer("act1").getIndex();
        // Training mode: in inference DL4J's activation layer overwrites its input, the pre-activation, in place.
        INDArray preActivation = net.feedForward(input, true).get(act);
        double[] fractions = UnitStats.nonPositiveFraction(preActivation);
        for (int u = 0; u < width; u++) {
            boolean dead = u == DEAD[0] || u == DEAD[1];
            assertThat(fractions[u]).as("unit %d", u).isEqualTo(dead ? 1.0 : 0.0);
        }
        DeadUnitTracker tracker = new DeadUnitTracker(1);
        LayerUnits units = tracker.record(NetworkRole.DISCRIMINATOR, "act1", ActivationType.RELU, List.of(fractions),
                List.of(), null);
        assertThat(units.units()).isEqualTo(width);
        assertThat(units.neverPositive()).isEqualTo(DEAD.length);
        assertThat(units.neverPositiveFraction()).isEqualTo((double) DEAD.length / width);
        assertThat(units.deadForWindow()).isEqualTo(DEAD.length);
        assertThat(units.meanNonPositive()).isEqualTo((double) DEAD.length / width);
    }

    private static MultiLayerNetwork network(DataType type, org.deeplearning4j.nn.conf.layers.Layer weights,
                                             InputType inputType) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .list()
                .layer(weights)
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).name("act1").build())
                .setInputType(inputType)
                .build());
        net.init();
        return net;
    }

    /** Units in DEAD: weights 0, bias -1 (always -1); the rest: bias +10 with small weights (always positive). */
    private static void killUnits(Layer layer, int width) {
        INDArray w = layer.getParam("W");
        INDArray b = layer.getParam("b");
        w.muli(0.01);
        b.assign(10);
        for (int u : DEAD) {
            // Dense W is [nIn, nOut]; convolution W is [out, in, kH, kW]; the bias is [1, out] for both.
            (w.rank() == 2 ? w.get(all(), point(u)) : w.get(point(u), all(), all(), all())).assign(0);
            b.putScalar(u, -1);
        }
        assertThat(b.length()).isEqualTo(width);
    }
}
