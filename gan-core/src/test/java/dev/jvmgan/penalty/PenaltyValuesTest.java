package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.random.RandomStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Penalties of a linear critic D(x) = w.x + b, worked out by hand: its input gradient is w for every sample, so
 * R1 = (gamma/2)||w||^2 with gradient gamma w, and WGAN-GP = lambda (||w|| - 1)^2 with gradient
 * 2 lambda (||w|| - 1) w / ||w||; b gets none. With w = (1.2, 0, 1.6), ||w|| = 2.
 */
class PenaltyValuesTest {

    private static TrainableNetwork linearCritic(DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(type)
                .updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(1).activation(Activation.IDENTITY).build()).build());
        net.init();
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(1.2, 0, 1.6).reshape(3, 1));
        net.getLayer(0).getParam("b").assign(0.7);
        return TrainableNetworks.of(net);
    }

    private static INDArray batch() {
        return Nd4j.createFromArray(new double[][]{{0.5, -1, 0.25}, {-0.75, 0.1, 0.9}});
    }

    @Test
    void r1OfALinearCritic() {
        TrainableNetwork d = linearCritic(DataType.DOUBLE);
        PenaltyValue value = new R1Penalty(3).accumulate(d, batch(), batch(), 1);
        assertThat(value.penalty()).isCloseTo(1.5 * 4, within(1e-12));
        assertThat(value.meanGradientNorm()).isCloseTo(2, within(1e-12));
        Map<String, INDArray> gradient = d.pendingGradients();
        assertThat(gradient.get("layer0/W").toDoubleVector()).containsExactly(new double[]{3.6, 0, 4.8}, within(1e-8));
        assertThat(gradient.get("layer0/b").getDouble(0)).isCloseTo(0, within(1e-8));
    }

    @Test
    void wganGpOfALinearCritic() {
        TrainableNetwork d = linearCritic(DataType.DOUBLE);
        PenaltyValue value = new WganGpPenalty(10, 1).accumulate(d, batch(), batch().mul(-1), 1);
        assertThat(value.penalty()).isCloseTo(10, within(1e-12)); // 10 (2 - 1)^2, wherever it is evaluated
        // 2 * 10 * (2 - 1) * w / 2 = 10 w
        assertThat(d.pendingGradients().get("layer0/W").toDoubleVector())
                .containsExactly(new double[]{12, 0, 16}, within(1e-7));
    }

    @Test
    void aLinearCriticOfNormOneHasNothingToPenalise() {
        TrainableNetwork d = linearCritic(DataType.DOUBLE);
        d.params().muli(0.5); // w = (0.6, 0, 0.8)
        PenaltyValue value = new WganGpPenalty(10, 1).accumulate(d, batch(), batch(), 1);
        assertThat(value.penalty()).isCloseTo(0, within(1e-20));
        assertThat(d.pendingGradients()).isEmpty(); // a zero direction runs no pass
    }

    @Test
    void interpolatesPerSample() {
        INDArray real = Nd4j.createFromArray(new double[][]{{1, 2}, {4, 4}});
        INDArray fake = Nd4j.createFromArray(new double[][]{{3, -2}, {0, 8}});
        INDArray mixed = WganGpPenalty.interpolate(real, fake, new double[]{0.25, 1.0});
        // 0.25 (1, 2) + 0.75 (3, -2); all of the real second sample
        assertThat(mixed.toDoubleMatrix()).isEqualTo(new double[][]{{2.5, -1}, {4, 4}});
        INDArray images = Nd4j.ones(DataType.DOUBLE, 2, 1, 2, 2);
        assertThat(WganGpPenalty.interpolate(images, images.mul(3), new double[]{0.5, 0}).sumNumber().doubleValue())
                .isCloseTo(4 * 2 + 4 * 3, within(1e-12));
    }

    @Test
    void theInterpolationWeightsComeFromTheSeededStream() {
        INDArray real = TinyCritics.MLP.batch(1);
        INDArray fake = TinyCritics.MLP.batch(2);
        TrainableNetwork a = TrainableNetworks.of(TinyCritics.MLP.build());
        TrainableNetwork b = TrainableNetworks.of(TinyCritics.MLP.build());
        WganGpPenalty penalty = new WganGpPenalty(10, 77);
        long start = penalty.state();
        penalty.accumulate(a, real, fake, 1);
        RandomStream stream = new RandomStream(77);
        double[] t = {stream.nextDouble(), stream.nextDouble(), stream.nextDouble()};
        new WganGpPenalty(10, 0).accumulateAt(b, WganGpPenalty.interpolate(real, fake, t), 1);
        assertThat(a.pendingGradients()).isEqualTo(b.pendingGradients());
        assertThat(penalty.state()).isNotEqualTo(start);
        penalty.restore(start);
        assertThat(penalty.state()).isEqualTo(start);
    }

    @Test
    void theStepFollowsTheUnitRoundoff() {
        assertThat(FiniteDifferenceStep.forType(DataType.DOUBLE).relativeStep())
                .isCloseTo(Math.cbrt(3 * Math.ulp(1.0) / 2), within(1e-20));
        assertThat(FiniteDifferenceStep.forType(DataType.FLOAT).relativeStep())
                .isCloseTo(Math.cbrt(3 * Math.ulp(1.0f) / 2), within(1e-12));
        assertThat(FiniteDifferenceStep.forType(DataType.FLOAT).relativeStep()).isCloseTo(5.6e-3, within(1e-4));
        assertThat(new FiniteDifferenceStep(0.01).step(0)).isEqualTo(0.01);
        assertThat(new FiniteDifferenceStep(0.01).step(0.5)).isEqualTo(0.005);
        assertThatThrownBy(() -> FiniteDifferenceStep.forType(DataType.INT)).hasMessageContaining("floating point");
    }

    /**
     * In float32 with the default step the gradient stays close to the double-precision one (which the
     * finite-difference test validates): a check that the step choice is sane where training runs. Measured on this
     * critic when written, relative errors were 4e-4, 5e-5, 1.2e-5, 9e-4 and 0.9 for steps of 1/100, 1/10, 1, 10
     * and 100 times the default: the default sits at the optimum, and the bound fails a step 100 times too small
     * or 10 times too large.
     */
    @Test
    void float32WithTheDefaultStepIsClose() {
        INDArray real = TinyCritics.MLP.batch(5);
        MultiLayerNetwork doubleNet = (MultiLayerNetwork) TinyCritics.MLP.build();
        MultiLayerNetwork floatNet = doubleNet.convertDataType(DataType.FLOAT);
        TrainableNetwork exact = TrainableNetworks.of(doubleNet);
        TrainableNetwork rounded = TrainableNetworks.of(floatNet);
        new R1Penalty(3).accumulate(exact, real, real, 1);
        new R1Penalty(3).accumulate(rounded, real.castTo(DataType.FLOAT), real.castTo(DataType.FLOAT), 1);
        double difference = 0;
        double norm = 0;
        for (Map.Entry<String, INDArray> e : exact.pendingGradients().entrySet()) {
            INDArray f = rounded.pendingGradients().get(e.getKey()).castTo(DataType.DOUBLE);
            difference += Math.pow(f.sub(e.getValue()).norm2Number().doubleValue(), 2);
            norm += Math.pow(e.getValue().norm2Number().doubleValue(), 2);
        }
        assertThat(Math.sqrt(difference / norm)).isLessThan(1e-4);
    }

    @Test
    void needsAnEmptyPendingGradientAndSaysWhy() {
        TrainableNetwork d = linearCritic(DataType.DOUBLE);
        d.backward(Nd4j.ones(DataType.DOUBLE, 2, 1).muli(d.forward(batch()).mul(0).add(1)));
        assertThatThrownBy(() -> new R1Penalty(1).accumulate(d, batch(), batch(), 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("applyUpdate() first");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new R1Penalty(0)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new WganGpPenalty(-1, 0)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> new FiniteDifferenceStep(1)).hasMessageContaining("relativeStep");
        assertThatThrownBy(() -> new WganGpPenalty(10, 0, Optional.empty())
                .accumulate(linearCritic(DataType.DOUBLE), batch(), Nd4j.zeros(3, 3), 1))
                .hasMessageContaining("one shape");
    }
}
