package dev.jvmgan.backend;

import dev.jvmgan.backend.NetworkKind.NamedLayer;
import dev.jvmgan.spectral.SpectralNorm;
import dev.jvmgan.spectral.SpectralNormState;
import dev.jvmgan.train.BceWithLogits;
import dev.jvmgan.train.Labels;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.jvmgan.backend.SeamContract.BATCH;
import static dev.jvmgan.backend.SeamContract.IMAGE;
import static dev.jvmgan.backend.SeamContract.discriminatorLayers;
import static dev.jvmgan.backend.SeamContract.generatorLayers;
import static dev.jvmgan.backend.SeamContract.images;
import static dev.jvmgan.backend.SeamContract.latents;
import static dev.jvmgan.backend.SeamContract.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Spectral normalisation behind the seam, on both kinds of network (the seam contract's tiny G and D, in double):
 * the weight a pass computes with has spectral norm 1, the gradient of W_orig matches finite differences through the
 * whole network, the optimiser steps W_orig, inference and held passes do not iterate.
 */
class SpectralNormSeamTest {
    static final Set<String> D_LAYERS = Set.of("d1", "d2", "logit");
    static final Set<String> G_LAYERS = Set.of("g1", "g2");

    static TrainableNetwork discriminator(NetworkKind kind, Set<String> normalised) {
        return TrainableNetworks.of(kind.build(settings(2, new Sgd(0.1)), discriminatorLayers()), normalised, 5);
    }

    static TrainableNetwork generator(NetworkKind kind, Set<String> normalised) {
        return TrainableNetworks.of(kind.build(settings(1, new Sgd(0.1)), generatorLayers()), normalised, 6);
    }

    /** The largest singular value of a weight seen as [outputs, rest] (column order does not change it). */
    static double spectralNorm(INDArray weight, int outputDimension) {
        int[] order = new int[weight.rank()];
        order[0] = outputDimension;
        for (int d = 0, k = 1; d < order.length; d++) {
            if (d != outputDimension) {
                order[k++] = d;
            }
        }
        INDArray matrix = weight.permute(order).dup('c').reshape('c', weight.size(outputDimension), -1);
        return new SingularValueDecomposition(new Array2DRowRealMatrix(matrix.toDoubleMatrix()))
                .getSingularValues()[0];
    }

    @ParameterizedTest
    @EnumSource(NetworkKind.class)
    void theWeightATrainingPassUsesHasSpectralNormOneAndWOrigIsBackAfterIt(NetworkKind kind) {
        Nd4j.getRandom().setSeed(21);
        TrainableNetwork d = discriminator(kind, D_LAYERS);
        Map<String, INDArray> original = SeamContract.copies(d.parameterTable());
        for (int pass = 0; pass < 30; pass++) {
            d.forward(images());
        }
        for (String layer : D_LAYERS) {
            INDArray used = d.parameterTable().get(layer + "/W");
            double sigma = d.spectralNorms().get(layer).sigma();
            assertThat(used.equalsWithEps(original.get(layer + "/W").div(sigma), 1e-15)).as(layer).isTrue();
            assertThat(spectralNorm(used, 1)).as(layer).isCloseTo(1, within(1e-4));
        }
        assertThat(d.parameterTable().get("d1/b")).isEqualTo(original.get("d1/b"));

        d.backward(BceWithLogits.of(d.forward(images()), Labels.REAL).dLogits());

        d.parameterTable().forEach((key, p) -> assertThat(p).as(key).isEqualTo(original.get(key)));
    }

    @ParameterizedTest
    @EnumSource(NetworkKind.class)
    void dLossDWOrigMatchesFiniteDifferencesThroughTheWholeDiscriminator(NetworkKind kind) {
        Nd4j.getRandom().setSeed(22);
        TrainableNetwork d = discriminator(kind, D_LAYERS);
        INDArray x = images();
        d.forward(images()); // u, v not yet the singular vectors: the general case
        d.backward(BceWithLogits.of(d.forward(x), Labels.REAL).dLogits());
        Map<String, INDArray> analytic = d.pendingGradients();
        // Inference passes keep u and v: the function torch differentiates, with u and v constants.
        assertMatchesFiniteDifferences(d, analytic, 1, () -> BceWithLogits.of(d.output(x), Labels.REAL).loss());
    }

    @ParameterizedTest
    @EnumSource(NetworkKind.class)
    void dLossDWOrigOfTheGeneratorThroughANormalisedDiscriminatorMatchesFiniteDifferences(NetworkKind kind) {
        Nd4j.getRandom().setSeed(23);
        TrainableNetwork g = generator(kind, G_LAYERS);
        TrainableNetwork d = discriminator(kind, D_LAYERS);
        INDArray z = latents();
        g.backward(d.inputGradient(BceWithLogits.of(d.forward(g.forward(z)), Labels.REAL).dLogits()));
        Map<String, INDArray> analytic = g.pendingGradients();
        assertThat(analytic).containsOnlyKeys("g1/W", "g1/b", "g2/W", "g2/b");
        assertMatchesFiniteDifferences(g, analytic, 2,
                () -> BceWithLogits.of(d.output(g.output(z)), Labels.REAL).loss());
    }

    /** Central differences of {@code loss} at every {@code stride}-th parameter, W_orig as the network holds it. */
    private static void assertMatchesFiniteDifferences(TrainableNetwork net, Map<String, INDArray> analytic, int stride,
                                                       java.util.function.DoubleSupplier loss) {
        double h = 1e-6;
        net.parameterTable().forEach((key, params) -> {
            assertThat(analytic.get(key).amaxNumber().doubleValue()).as(key).isPositive();
            for (int i = 0; i < params.length(); i += stride) {
                long[] at = Shape.ind2subC(params.shape(), i);
                double original = params.getDouble(at);
                params.putScalar(at, original + h);
                double plus = loss.getAsDouble();
                params.putScalar(at, original - h);
                double minus = loss.getAsDouble();
                params.putScalar(at, original);
                assertThat(analytic.get(key).getDouble(at)).as("dLoss/d%s%s", key, Arrays.toString(at))
                        .isCloseTo((plus - minus) / (2 * h), within(1e-8));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(NetworkKind.class)
    void theOptimiserStepsWOrigWithItsGradient(NetworkKind kind) {
        Nd4j.getRandom().setSeed(24);
        TrainableNetwork d = discriminator(kind, D_LAYERS);
        Map<String, INDArray> before = SeamContract.copies(d.parameterTable());
        d.backward(BceWithLogits.of(d.forward(images()), Labels.REAL).dLogits());
        d.backward(BceWithLogits.of(d.forward(images()), Labels.FAKE).dLogits());
        Map<String, INDArray> gradients = d.pendingGradients();
        d.applyUpdate();
        // Sgd(0.1): W_orig -= 0.1 dL/dW_orig, the bias as usual.
        d.parameterTable().forEach((key, p) -> assertThat(p.sub(before.get(key).sub(gradients.get(key).mul(0.1)))
                .amaxNumber().doubleValue()).as(key).isLessThan(1e-15));
    }

    @ParameterizedTest
    @EnumSource(NetworkKind.class)
    void inferenceUsesWOrigOverSigmaOfTheKeptVectorsAndDoesNotIterate(NetworkKind kind) {
        Nd4j.getRandom().setSeed(25);
        TrainableNetwork d = discriminator(kind, D_LAYERS);
        for (int pass = 0; pass < 3; pass++) {
            d.forward(images());
        }
        Map<String, SpectralNormState> kept = states(d);
        INDArray x = images();
        INDArray output = d.output(x);
        assertThat(d.output(x)).isEqualTo(output);
        assertThat(states(d)).isEqualTo(kept);

        // The same network without spectral norm, its weights set to W_orig / (u^T M v) by hand.
        TrainableNetwork plain = discriminator(kind, Set.of());
        d.parameterTable().forEach((key, p) -> {
            String layer = key.substring(0, key.indexOf('/'));
            INDArray value = p.dup();
            if (key.endsWith("/W") && D_LAYERS.contains(layer)) {
                value.divi(sigma(p, kept.get(layer)));
            }
            plain.parameterTable().get(key).assign(value);
        });
        assertThat(output.equalsWithEps(plain.output(x), 1e-14)).isTrue();
    }

    /** u^T M v for a dense weight [nIn, nOut], whose matrix is W^T: sum over i, o of u_o W[i, o] v_i. */
    private static double sigma(INDArray weight, SpectralNormState state) {
        double[] u = state.u();
        double[] v = state.v();
        double sigma = 0;
        for (int i = 0; i < v.length; i++) {
            for (int o = 0; o < u.length; o++) {
                sigma += u[o] * weight.getDouble(i, o) * v[i];
            }
        }
        return sigma;
    }

    private static Map<String, SpectralNormState> states(TrainableNetwork net) {
        Map<String, SpectralNormState> states = new java.util.LinkedHashMap<>();
        net.spectralNorms().forEach((layer, sn) -> states.put(layer, sn.state()));
        return states;
    }

    @Test
    void aHeldPowerIterationKeepsUAndVWhileBatchNormStaysInTrainingMode() {
        Nd4j.getRandom().setSeed(26);
        List<NamedLayer> layers = List.of(
                SeamContract.dense("d1", IMAGE, 3, Activation.IDENTITY.getActivationFunction()),
                new NamedLayer("bn", () -> new BatchNormalization.Builder().nOut(3).build()),
                SeamContract.dense("logit", 3, 1, Activation.IDENTITY.getActivationFunction()));
        TrainableNetwork d = TrainableNetworks.of(NetworkKind.MULTI_LAYER.build(settings(3, new Sgd(0.1)), layers),
                Set.of("d1", "logit"), 7);
        d.forward(images());
        Map<String, SpectralNormState> kept = states(d);
        INDArray x = images();

        d.holdPowerIteration(true);
        INDArray plus = d.forward(x).dup();
        INDArray again = d.forward(x).dup();
        assertThat(states(d)).as("held: no power iteration").isEqualTo(kept);
        assertThat(again).as("both passes see one network").isEqualTo(plus);
        assertThat(plus.equalsWithEps(d.output(x), 1e-6)).as("batch statistics, not running ones").isFalse();

        d.holdPowerIteration(false);
        d.forward(x);
        assertThat(states(d)).isNotEqualTo(kept);
    }

    @Test
    void convolutionAndDeconvolutionWeightsAreNormalisedAlongTheirOutputDimension() {
        Nd4j.getRandom().setSeed(27);
        MultiLayerNetwork net = new MultiLayerNetwork(settings(4, new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(2, 2).stride(2, 2).nOut(3).activation(Activation.TANH)
                        .name("conv").build())
                .layer(new Deconvolution2D.Builder().kernelSize(2, 2).stride(2, 2).nOut(2)
                        .activation(Activation.TANH).name("deconv").build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).name("logit").build())
                .inputPreProcessor(2, new CnnToFeedForwardPreProcessor(4, 4, 2))
                .setInputType(InputType.convolutional(4, 4, 2)).build());
        net.init();
        TrainableNetwork d = TrainableNetworks.of(net, Set.of("conv", "deconv", "logit"), 8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, 2, 4, 4);
        for (int pass = 0; pass < 30; pass++) {
            d.forward(x);
        }
        // DL4J: conv W [out, in, kh, kw], deconv W [in, out, kh, kw], dense W [in, out].
        Map<String, Integer> outputDimension = Map.of("conv", 0, "deconv", 1, "logit", 1);
        outputDimension.forEach((layer, dim) -> assertThat(spectralNorm(d.parameterTable().get(layer + "/W"), dim))
                .as(layer).isCloseTo(1, within(1e-4)));
        assertThat(d.spectralNorms().keySet()).containsExactly("conv", "deconv", "logit");
    }

    @Test
    void withoutNormalisedLayersNothingChanges() {
        TrainableNetwork d = discriminator(NetworkKind.MULTI_LAYER, Set.of());
        assertThat(d.spectralNorms()).isEmpty();
        d.holdPowerIteration(true);
        INDArray x = images();
        assertThat(d.forward(x).dup()).isEqualTo(TrainableNetworks.of(NetworkKind.MULTI_LAYER.build(
                settings(2, new Sgd(0.1)), discriminatorLayers())).forward(x));
    }

    @Test
    void refusesLayersSpectralNormCannotApplyTo() {
        List<Object[]> cases = new ArrayList<>(List.<Object[]>of(
                new Object[]{"conv9", "the network has no layer 'conv9'; spectral normalisation applies to its layers "
                        + "d1, d2, logit"},
                new Object[]{"act1", "layer 'act1' is of type ActivationLayer; spectral normalisation applies to DenseLayer, "
                        + "ConvolutionLayer and Deconvolution2D weights"}));
        for (NetworkKind kind : NetworkKind.values()) {
            for (Object[] c : cases) {
                assertThatThrownBy(() -> discriminator(kind, Set.of((String) c[0])))
                        .as(kind + " " + c[0]).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("spectral norm: " + c[1]);
            }
        }
    }

    @Test
    void eachLayerStartsFromItsOwnSeededVectors() {
        Map<String, SpectralNorm> a = discriminator(NetworkKind.MULTI_LAYER, D_LAYERS).spectralNorms();
        Map<String, SpectralNorm> b = discriminator(NetworkKind.GRAPH, Set.of("d2")).spectralNorms();
        assertThat(b.get("d2").state()).as("a layer's seed does not depend on which others are normalised")
                .isEqualTo(a.get("d2").state());
        assertThat(a.get("d1").state().u()).isNotEqualTo(a.get("d2").state().u());
    }
}
