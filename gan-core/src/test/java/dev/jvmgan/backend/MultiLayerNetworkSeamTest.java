package dev.jvmgan.backend;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seam's contract over a {@link MultiLayerNetwork}, and what only that kind does. */
class MultiLayerNetworkSeamTest extends SeamContract {

    @Override
    NetworkKind kind() {
        return NetworkKind.MULTI_LAYER;
    }

    @Test
    void aMultiLayerNetworkTrainsInPlace() {
        MultiLayerNetwork net = (MultiLayerNetwork) kind().build(settings(2, new Sgd(0.1)), discriminatorLayers());
        assertThat(TrainableNetworks.of(net).model()).isSameAs(net);
    }

    @Test
    void rejectsNetworksEndingInAnOutputLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(2).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThatThrownBy(() -> TrainableNetworks.of(net))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OutputLayer");
    }
}
