package dev.jvmgan.backend;

import dev.jvmgan.train.BceWithLogits;
import dev.jvmgan.train.Labels;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The seam's gradients, in double precision, against a combined network and finite differences. */
class MultiLayerTrainableTest {
    private static final int LATENT = 3;
    private static final int IMAGE = 4;
    private static final int BATCH = 5;

    static DenseLayer.Builder dense(int in, int out) {
        return new DenseLayer.Builder().nIn(in).nOut(out).weightInit(WeightInit.XAVIER);
    }

    static MultiLayerNetwork generator(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(updater).list()
                .layer(dense(LATENT, 6).activation(new ActivationTanH()).build())
                .layer(dense(6, IMAGE).activation(new ActivationTanH()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork discriminator(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.DOUBLE)
                .updater(updater).list()
                .layer(dense(IMAGE, 7).activation(new ActivationLReLU(0.2)).build())
                .layer(dense(7, 1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** G's layers followed by D's, with the same parameters: the "stacked" network we avoid training. */
    static MultiLayerNetwork combined(MultiLayerNetwork g, MultiLayerNetwork d) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).list()
                .layer(dense(LATENT, 6).activation(new ActivationTanH()).build())
                .layer(dense(6, IMAGE).activation(new ActivationTanH()).build())
                .layer(dense(IMAGE, 7).activation(new ActivationLReLU(0.2)).build())
                .layer(dense(7, 1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setParams(Nd4j.concat(0, g.params().reshape(-1), d.params().reshape(-1)).reshape(1, -1));
        return net;
    }

    static INDArray latents() {
        return Nd4j.rand(DataType.DOUBLE, BATCH, LATENT).subi(0.5).muli(4);
    }

    @Test
    void chainedGeneratorGradientEqualsCombinedNetworkGradient() {
        Nd4j.getRandom().setSeed(7);
        MultiLayerTrainable g = new MultiLayerTrainable(generator(new Sgd(0.1)));
        MultiLayerTrainable d = new MultiLayerTrainable(discriminator(new Sgd(0.1)));
        INDArray z = latents();

        BceWithLogits.Result loss = BceWithLogits.of(d.forward(g.forward(z)), Labels.REAL);
        g.backward(d.inputGradient(loss.dLogits()));
        INDArray chained = g.network().getGradientsViewArray().dup();

        MultiLayerNetwork both = combined(g.network(), d.network());
        both.setInput(z);
        INDArray logits = both.feedForward(true, false).get(4);
        assertThat(logits.equalsWithEps(d.forward(g.forward(z)), 1e-14)).isTrue();
        both.backpropGradient(loss.dLogits(), org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        INDArray combinedG = both.getGradientsViewArray().reshape(-1).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, g.network().numParams())).reshape(chained.shape());

        assertThat(chained.sumNumber().doubleValue()).isNotZero();
        assertThat(chained.sub(combinedG).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void chainedGeneratorGradientMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(11);
        MultiLayerTrainable g = new MultiLayerTrainable(generator(new Sgd(0.1)));
        MultiLayerTrainable d = new MultiLayerTrainable(discriminator(new Sgd(0.1)));
        INDArray z = latents();
        BceWithLogits.Result loss = BceWithLogits.of(d.forward(g.forward(z)), Labels.REAL);
        g.backward(d.inputGradient(loss.dLogits()));
        INDArray analytic = g.network().getGradientsViewArray().dup();

        INDArray params = g.network().params();
        double h = 1e-6;
        for (int i = 0; i < params.length(); i += 3) {
            double original = params.getDouble(i);
            params.putScalar(i, original + h);
            double plus = BceWithLogits.of(d.output(g.output(z)), Labels.REAL).loss();
            params.putScalar(i, original - h);
            double minus = BceWithLogits.of(d.output(g.output(z)), Labels.REAL).loss();
            params.putScalar(i, original);
            double numeric = (plus - minus) / (2 * h);
            assertThat(analytic.getDouble(i)).as("dLoss/dparam[%d]", i).isCloseTo(numeric, within(1e-8));
        }
    }

    @Test
    void generatorStepLeavesDiscriminatorParametersAndUpdaterStateUntouched() {
        Nd4j.getRandom().setSeed(13);
        MultiLayerTrainable g = new MultiLayerTrainable(generator(new Adam(1e-2)));
        MultiLayerTrainable d = new MultiLayerTrainable(discriminator(new Adam(1e-2)));
        INDArray real = Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE);
        INDArray fake = g.forward(latents());
        d.backward(BceWithLogits.of(d.forward(real), Labels.REAL).dLogits());
        d.backward(BceWithLogits.of(d.forward(fake), Labels.FAKE).dLogits());
        d.applyUpdate();
        INDArray dParams = d.params().dup();
        INDArray dState = d.network().getUpdater().getStateViewArray().dup();
        INDArray gParams = g.params().dup();
        long dUpdates = d.updateCount();

        g.backward(d.inputGradient(BceWithLogits.of(d.forward(fake), Labels.REAL).dLogits()));
        g.applyUpdate();

        assertThat(d.params()).isEqualTo(dParams);
        assertThat(d.network().getUpdater().getStateViewArray()).isEqualTo(dState);
        assertThat(d.updateCount()).isEqualTo(dUpdates);
        assertThat(g.params().equalsWithEps(gParams, 1e-9)).as("G moved").isFalse();
        assertThat(g.updateCount()).isEqualTo(1);
    }

    @Test
    void twoBackwardPassesSumTheirGradientsIntoOneUpdate() {
        double lr = 0.5;
        MultiLayerTrainable d = new MultiLayerTrainable(discriminator(new Sgd(lr)));
        INDArray a = Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE);
        INDArray b = Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE);
        INDArray before = d.params().dup();

        d.backward(BceWithLogits.of(d.forward(a), Labels.REAL).dLogits());
        INDArray gradA = d.network().getGradientsViewArray().dup();
        d.backward(BceWithLogits.of(d.forward(b), Labels.FAKE).dLogits());
        INDArray gradB = d.network().getGradientsViewArray().dup();
        d.applyUpdate();

        INDArray expected = before.reshape(-1).sub(gradA.add(gradB).muli(lr).reshape(-1));
        assertThat(d.params().reshape(-1).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-15);
    }

    @Test
    void inputGradientRefusesToOverwritePendingGradients() {
        MultiLayerTrainable d = new MultiLayerTrainable(discriminator(new Sgd(0.1)));
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE);
        d.backward(BceWithLogits.of(d.forward(x), Labels.REAL).dLogits());
        assertThatThrownBy(() -> d.inputGradient(BceWithLogits.of(d.forward(x), Labels.REAL).dLogits()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pending");
    }

    @Test
    void rejectsNetworksEndingInAnOutputLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(2).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThatThrownBy(() -> new MultiLayerTrainable(net))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OutputLayer");
    }
}
