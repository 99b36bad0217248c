package dev.jvmgan.backend;

import dev.jvmgan.backend.NetworkKind.NamedLayer;
import dev.jvmgan.train.BceWithLogits;
import dev.jvmgan.train.Labels;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@link TrainableNetwork} contract, run against each kind of DL4J network by a subclass: gradients in double
 * precision against DL4J's own backward pass through one combined network and against finite differences, how
 * backward passes sum into one update, and what the seam refuses. G is {@code z[3] -> g1 -> g2 -> [4]}, D is
 * {@code x[4] -> d1 -> act1 -> d2 -> act2 -> logit}, the same layers for both kinds.
 */
abstract class SeamContract {
    static final int LATENT = 3;
    static final int IMAGE = 4;
    static final int BATCH = 5;

    abstract NetworkKind kind();

    static NamedLayer dense(String name, int in, int out, IActivation activation) {
        return new NamedLayer(name, () -> new DenseLayer.Builder().nIn(in).nOut(out).activation(activation).build());
    }

    static NamedLayer leakyRelu(String name) {
        return new NamedLayer(name, () -> new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build());
    }

    static List<NamedLayer> generatorLayers() {
        return List.of(dense("g1", LATENT, 6, Activation.TANH.getActivationFunction()),
                dense("g2", 6, IMAGE, Activation.TANH.getActivationFunction()));
    }

    static List<NamedLayer> discriminatorLayers() {
        IActivation identity = Activation.IDENTITY.getActivationFunction();
        return List.of(dense("d1", IMAGE, IMAGE, identity), leakyRelu("act1"), dense("d2", IMAGE, IMAGE, identity),
                leakyRelu("act2"), dense("logit", IMAGE, 1, identity));
    }

    static NeuralNetConfiguration.Builder settings(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(updater)
                .weightInit(WeightInit.XAVIER);
    }

    TrainableNetwork generator(IUpdater updater) {
        return TrainableNetworks.of(kind().build(settings(1, updater), generatorLayers()));
    }

    TrainableNetwork discriminator(IUpdater updater) {
        return TrainableNetworks.of(kind().build(settings(2, updater), discriminatorLayers()));
    }

    static INDArray latents() {
        return Nd4j.rand(DataType.DOUBLE, BATCH, LATENT).subi(0.5).muli(4);
    }

    static INDArray images() {
        return Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE).subi(0.5).muli(4);
    }

    static double relativeError(INDArray actual, INDArray expected) {
        return actual.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
    }

    @Test
    void chainedGeneratorGradientEqualsDl4jsBackwardPassThroughOneCombinedNetwork() {
        Nd4j.getRandom().setSeed(7);
        TrainableNetwork g = generator(new Sgd(0.1));
        TrainableNetwork d = discriminator(new Sgd(0.1));
        INDArray z = latents();
        BceWithLogits.Result loss = BceWithLogits.of(d.forward(g.forward(z)), Labels.REAL);
        g.backward(d.inputGradient(loss.dLogits()));
        Map<String, INDArray> chained = g.pendingGradients();

        List<NamedLayer> both = new ArrayList<>(generatorLayers());
        both.addAll(discriminatorLayers());
        TrainableNetwork combined = TrainableNetworks.of(kind().build(settings(3, new Sgd(0.1)), both));
        g.parameterTable().forEach((key, p) -> combined.parameterTable().get(key).assign(p));
        d.parameterTable().forEach((key, p) -> combined.parameterTable().get(key).assign(p));
        assertThat(combined.output(z).equalsWithEps(d.output(g.output(z)), 1e-14)).isTrue();
        Map<String, INDArray> reference = kind().dl4jGradients(combined.model(), z, loss.dLogits());

        assertThat(chained).containsOnlyKeys("g1/W", "g1/b", "g2/W", "g2/b");
        chained.forEach((key, gradient) -> {
            assertThat(reference.get(key).amaxNumber().doubleValue()).as(key).isPositive();
            assertThat(relativeError(gradient, reference.get(key))).as(key).isLessThan(1e-12);
        });
    }

    @Test
    void chainedGeneratorGradientMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(11);
        TrainableNetwork g = generator(new Sgd(0.1));
        TrainableNetwork d = discriminator(new Sgd(0.1));
        INDArray z = latents();
        g.backward(d.inputGradient(BceWithLogits.of(d.forward(g.forward(z)), Labels.REAL).dLogits()));
        Map<String, INDArray> analytic = g.pendingGradients();

        double h = 1e-6;
        g.parameterTable().forEach((key, params) -> {
            for (int i = 0; i < params.length(); i += 2) {
                // By row and column: DL4J's weight views are in 'f' order, their copies need not be.
                long[] at = Shape.ind2subC(params.shape(), i);
                double original = params.getDouble(at);
                params.putScalar(at, original + h);
                double plus = BceWithLogits.of(d.output(g.output(z)), Labels.REAL).loss();
                params.putScalar(at, original - h);
                double minus = BceWithLogits.of(d.output(g.output(z)), Labels.REAL).loss();
                params.putScalar(at, original);
                assertThat(analytic.get(key).getDouble(at)).as("dLoss/d%s%s", key, Arrays.toString(at))
                        .isCloseTo((plus - minus) / (2 * h), within(1e-8));
            }
        });
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(12);
        TrainableNetwork d = discriminator(new Sgd(0.1));
        INDArray x = images();
        INDArray analytic = d.inputGradient(BceWithLogits.of(d.forward(x), Labels.REAL).dLogits());

        double h = 1e-6;
        for (int i = 0; i < x.length(); i++) {
            double original = x.getDouble(i);
            x.putScalar(i, original + h);
            double plus = BceWithLogits.of(d.output(x), Labels.REAL).loss();
            x.putScalar(i, original - h);
            double minus = BceWithLogits.of(d.output(x), Labels.REAL).loss();
            x.putScalar(i, original);
            assertThat(analytic.getDouble(i)).as("dLoss/dx[%d]", i).isCloseTo((plus - minus) / (2 * h), within(1e-9));
        }
    }

    @Test
    void inputGradientLeavesParametersPendingGradientsAndAdamStateBitwiseUnchanged() {
        Nd4j.getRandom().setSeed(13);
        TrainableNetwork d = discriminator(new Adam(1e-2));
        d.backward(BceWithLogits.of(d.forward(images()), Labels.REAL).dLogits());
        d.backward(BceWithLogits.of(d.forward(images()), Labels.FAKE).dLogits());
        d.applyUpdate();
        INDArray params = d.params().dup();
        INDArray adamState = updaterState(d).dup();
        assertThat(adamState.amaxNumber().doubleValue()).isPositive();

        INDArray dLossDFake = d.inputGradient(BceWithLogits.of(d.forward(images()), Labels.REAL).dLogits());

        assertThat(dLossDFake.shape()).containsExactly(BATCH, IMAGE);
        assertThat(d.params()).isEqualTo(params);
        assertThat(updaterState(d)).isEqualTo(adamState);
        assertThat(d.updateCount()).isEqualTo(1);
        assertThat(d.pendingGradients()).isEmpty();
    }

    private INDArray updaterState(TrainableNetwork net) {
        return kind().updaterState(net.model());
    }

    @Test
    void twoBackwardPassesSumToTheirSeparateGradientsInOneUpdate() {
        double lr = 0.5;
        Nd4j.getRandom().setSeed(17);
        INDArray real = images();
        INDArray fake = images();
        TrainableNetwork onlyReal = discriminator(new Sgd(lr));
        onlyReal.backward(BceWithLogits.of(onlyReal.forward(real), Labels.REAL).dLogits());
        TrainableNetwork onlyFake = discriminator(new Sgd(lr));
        onlyFake.backward(BceWithLogits.of(onlyFake.forward(fake), Labels.FAKE).dLogits());

        TrainableNetwork d = discriminator(new Sgd(lr));
        Map<String, INDArray> before = copies(d.parameterTable());
        d.backward(BceWithLogits.of(d.forward(real), Labels.REAL).dLogits());
        d.backward(BceWithLogits.of(d.forward(fake), Labels.FAKE).dLogits());
        Map<String, INDArray> summed = d.pendingGradients();

        assertThat(summed).containsOnlyKeys("d1/W", "d1/b", "d2/W", "d2/b", "logit/W", "logit/b");
        Map<String, INDArray> realGradients = onlyReal.pendingGradients();
        Map<String, INDArray> fakeGradients = onlyFake.pendingGradients();
        summed.forEach((key, sum) -> {
            assertThat(realGradients.get(key).amaxNumber().doubleValue()).as(key).isPositive();
            assertThat(sum).as(key).isEqualTo(realGradients.get(key).add(fakeGradients.get(key)));
        });

        d.applyUpdate();
        d.parameterTable().forEach((key, p) -> assertThat(p.sub(before.get(key).sub(summed.get(key).mul(lr)))
                .amaxNumber().doubleValue()).as(key).isLessThan(1e-15));
        assertThat(d.updateCount()).isEqualTo(1);
        assertThat(d.pendingGradients()).isEmpty();
    }

    static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> copies = new java.util.LinkedHashMap<>();
        arrays.forEach((key, a) -> copies.put(key, a.dup()));
        return copies;
    }

    @Test
    void everyLayerCountsTheNetworksUpdates() {
        TrainableNetwork d = discriminator(new Adam(1e-2));
        for (int step = 1; step <= 2; step++) {
            d.backward(BceWithLogits.of(d.forward(images()), Labels.REAL).dLogits());
            d.applyUpdate();
            assertThat(d.updateCount()).isEqualTo(step);
            // Schedules of dropout, weight noise and regularisation read the layer's count, as in DL4J's fit.
            for (Layer layer : TrainableNetworks.layers(d.model())) {
                assertThat(layer.getIterationCount()).as(layer.conf().getLayer().getLayerName()).isEqualTo(step);
            }
        }
    }

    @Test
    void layerInputsAreByLayerNameWithPreActivationsForActivationLayers() {
        Nd4j.getRandom().setSeed(3);
        TrainableNetwork d = discriminator(new Sgd(0.1));
        INDArray x = images();
        d.forward(x);
        Map<String, INDArray> inputs = d.layerInputs();

        assertThat(inputs.keySet()).containsExactly("d1", "act1", "d2", "act2", "logit");
        assertThat(inputs.get("d1")).isEqualTo(x);
        INDArray d1 = x.mmul(d.parameterTable().get("d1/W")).addRowVector(d.parameterTable().get("d1/b"));
        assertThat(inputs.get("act1").equalsWithEps(d1, 1e-15)).as("act1's input is d1's output").isTrue();
        assertThat(inputs.get("act1").minNumber().doubleValue()).as("pre-activation, not leaky-ReLU'd").isNegative();
        assertThat(d.parameterTable().keySet())
                .containsExactly("d1/W", "d1/b", "d2/W", "d2/b", "logit/W", "logit/b");
    }

    @Test
    void nonFiniteValuesAreNamedByLayer() {
        TrainableNetwork d = discriminator(new Sgd(0.1));
        d.parameterTable().get("d2/W").putScalar(3, Double.NaN);
        d.forward(images());
        assertThat(d.firstNonFinite()).contains("parameter d2/W");
        d.backward(Nd4j.ones(DataType.DOUBLE, BATCH, 1));
        assertThat(d.gradientsFinite()).isFalse();
        assertThat(d.firstNonFinite().orElseThrow()).startsWith("gradient ");
    }

    @Test
    void aNanInTheLossGradientMakesTheGradientsNonFiniteAndNamesOne() {
        TrainableNetwork d = discriminator(new Sgd(0.1));
        INDArray lossGradient = Nd4j.ones(DataType.DOUBLE, BATCH, 1);
        lossGradient.putScalar(2, Double.NaN);
        d.forward(images());
        d.backward(lossGradient);
        assertThat(d.gradientsFinite()).isFalse();
        assertThat(d.firstNonFinite().orElseThrow()).matches("gradient (d1|d2|logit)/[Wb]");
    }

    @Test
    void backwardAndInputGradientEachNeedAForwardPassOfTheirOwn() {
        TrainableNetwork d = discriminator(new Sgd(0.1));
        INDArray ones = Nd4j.ones(DataType.DOUBLE, BATCH, 1);
        assertThatThrownBy(() -> d.backward(ones)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("backward() needs a forward() of its own");
        assertThatThrownBy(() -> d.inputGradient(ones)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("inputGradient() needs a forward() of its own");

        d.forward(images());
        d.inputGradient(ones);
        assertThatThrownBy(() -> d.inputGradient(ones)).as("used up by the first").isInstanceOf(
                IllegalStateException.class);
        d.forward(images());
        d.backward(ones);
        assertThatThrownBy(() -> d.backward(ones)).as("used up by the first").isInstanceOf(
                IllegalStateException.class);
        d.forward(images());
        d.output(images());
        assertThatThrownBy(() -> d.backward(ones)).as("ended by output()").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void applyUpdateWithoutABackwardPassIsRefused() {
        TrainableNetwork d = discriminator(new Sgd(0.1));
        d.forward(images());
        assertThatThrownBy(d::applyUpdate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a backward pass");
    }

    @Test
    void inputGradientRefusesToOverwritePendingGradients() {
        TrainableNetwork d = discriminator(new Sgd(0.1));
        d.backward(BceWithLogits.of(d.forward(images()), Labels.REAL).dLogits());
        assertThatThrownBy(() -> d.inputGradient(BceWithLogits.of(d.forward(images()), Labels.REAL).dLogits()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pending");
    }
}
