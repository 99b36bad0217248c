package dev.jvmgan.train;

import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.loss.NonSaturating;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D's loss term reports dL_D/dT(x) for an inspected iteration only (the monitors are its one reader), and D's
 * gradients are the same either way.
 */
class DiscriminatorLossTest {

    private static TrainableNetwork discriminator() {
        MultiLayerNetwork d = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(5)).build());
        d.init();
        return TrainableNetworks.of(d);
    }

    private static IterationResults step(TrainableNetwork d, boolean inspected) {
        Nd4j.getRandom().setSeed(3);
        INDArray real = Nd4j.randn(DataType.DOUBLE, 4, 5);
        INDArray fake = Nd4j.randn(DataType.DOUBLE, 4, 5);
        InputTransform none = InputTransform.identity();
        IterationResults results = new IterationResults(inspected);
        new DiscriminatorLoss(new NonSaturating()).accumulate(
                new Step(1, 1, null, d, none.apply(real, 0), none.apply(fake, 0)), results);
        return results;
    }

    @Test
    void onlyAnInspectedIterationGetsDsInputGradientAndDLearnsTheSameEitherWay() {
        TrainableNetwork inspectedD = discriminator();
        TrainableNetwork plainD = discriminator();
        IterationResults inspected = step(inspectedD, true);
        IterationResults plain = step(plainD, false);

        assertThat(inspected.dLossDReal()).isNotNull();
        assertThat(inspected.dLossDReal().amaxNumber().doubleValue()).isPositive();
        assertThat(plain.dLossDReal()).isNull();
        Map<String, INDArray> expected = inspectedD.pendingGradients();
        Map<String, INDArray> actual = plainD.pendingGradients();
        assertThat(actual.keySet()).isEqualTo(expected.keySet()).isNotEmpty();
        expected.forEach((key, g) -> assertThat(actual.get(key)).as(key).isEqualTo(g));
        assertThat(plain.stats(1, 4, 0).dLoss()).isEqualTo(inspected.stats(1, 4, 0).dLoss());
    }
}
