package dev.jvmgan.backend;

import dev.jvmgan.backend.NetworkKind.NamedLayer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.constraint.MinMaxNormConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.stepfunctions.DefaultStepFunction;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.conf.weightnoise.WeightNoise;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a DL4J configuration declares works through the seam exactly as in DL4J's own {@code fit}. A tiny network,
 * {@code x[3] -> f1 (4, tanh) -> f2 (1)}, in double precision, takes three steps two ways from the same parameters
 * and random seeds: through the seam with dLoss/dOutput of a mean squared error, and by {@code fit} on a twin that
 * ends in a LossLayer with that loss. Before each step the seam also runs a forward pass it never backpropagates,
 * as the loop does with G when D takes several steps, and weight noise must not carry over from it. Both must reach the same parameters, and a network without the feature must
 * not, so that each case shows the feature was applied, not merely that nothing broke.
 */
class FitEquivalenceTest {
    private static final int IN = 3;
    private static final int BATCH = 5;
    private static final int STEPS = 3;
    private static final ILossFunction MSE = LossFunction.MSE.getILossFunction();

    /**
     * A setting of the dense layers or of the whole network, and the updater it is tried with; a baseline sets
     * nothing but the updater.
     */
    record Feature(String name, Consumer<DenseLayer.Builder> layers, Consumer<NeuralNetConfiguration.Builder> network,
                   IUpdater updater, boolean baseline) {
        static Feature baseline(String name, IUpdater updater) {
            return new Feature(name, l -> { }, n -> { }, updater, true);
        }

        static Feature withUpdater(String name, Consumer<DenseLayer.Builder> layers, IUpdater updater) {
            return new Feature(name, layers, n -> { }, updater, false);
        }

        static Feature ofLayers(String name, Consumer<DenseLayer.Builder> layers) {
            return new Feature(name, layers, n -> { }, new Sgd(0.5), false);
        }

        static Feature ofNetwork(String name, Consumer<NeuralNetConfiguration.Builder> network) {
            return new Feature(name, l -> { }, network, new Sgd(0.5), false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Feature> features() {
        return List.of(
                Feature.baseline("sgd", new Sgd(0.5)),
                Feature.baseline("adam", new Adam(0.05)),
                Feature.ofLayers("l1", l -> l.l1(0.05).l1Bias(0.02)),
                Feature.ofLayers("l2", l -> l.l2(0.5).l2Bias(0.2)),
                Feature.ofLayers("weightDecay", l -> l.weightDecay(0.5).weightDecayBias(0.2)),
                Feature.withUpdater("weightDecay with adam", l -> l.weightDecay(0.5), new Adam(0.05)),
                Feature.ofLayers("RenormalizeL2PerLayer",
                        l -> l.gradientNormalization(GradientNormalization.RenormalizeL2PerLayer)),
                Feature.ofLayers("RenormalizeL2PerParamType",
                        l -> l.gradientNormalization(GradientNormalization.RenormalizeL2PerParamType)),
                Feature.ofLayers("ClipElementWiseAbsoluteValue", l -> l.gradientNormalization(
                        GradientNormalization.ClipElementWiseAbsoluteValue).gradientNormalizationThreshold(0.02)),
                Feature.ofLayers("ClipL2PerLayer", l -> l.gradientNormalization(
                        GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(0.05)),
                Feature.ofLayers("ClipL2PerParamType", l -> l.gradientNormalization(
                        GradientNormalization.ClipL2PerParamType).gradientNormalizationThreshold(0.03)),
                Feature.ofLayers("MaxNormConstraint", l -> l.constrainWeights(new MaxNormConstraint(0.4, 1))),
                Feature.ofLayers("MinMaxNormConstraint",
                        l -> l.constrainWeights(new MinMaxNormConstraint(0.6, 0.7, 1))),
                Feature.ofLayers("NonNegativeConstraint", l -> l.constrainAllParameters(new NonNegativeConstraint())),
                Feature.ofLayers("UnitNormConstraint", l -> l.constrainWeights(new UnitNormConstraint(1))),
                Feature.ofLayers("DropConnect", l -> l.weightNoise(new DropConnect(0.6))),
                Feature.ofLayers("WeightNoise", l -> l.weightNoise(new WeightNoise(new NormalDistribution(0, 0.3)))),
                Feature.ofLayers("Dropout", l -> l.dropOut(new Dropout(0.6))),
                Feature.ofNetwork("miniBatch(false)", n -> n.miniBatch(false)),
                Feature.ofNetwork("DefaultStepFunction", n -> n.stepFunction(new DefaultStepFunction())));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Feature feature : features()) {
            for (NetworkKind kind : NetworkKind.values()) {
                cases.add(Arguments.of(feature, kind));
            }
        }
        return cases.stream();
    }

    private static List<NamedLayer> layers(Feature feature) {
        return List.of(dense("f1", IN, 4, Activation.TANH, feature), dense("f2", 4, 1, Activation.IDENTITY, feature));
    }

    private static NamedLayer dense(String name, int in, int out, Activation activation, Feature feature) {
        return new NamedLayer(name, () -> {
            DenseLayer.Builder builder = new DenseLayer.Builder().nIn(in).nOut(out).activation(activation);
            feature.layers().accept(builder);
            return builder.build();
        });
    }

    private static Model network(NetworkKind kind, Feature feature, boolean withLossLayer) {
        NeuralNetConfiguration.Builder settings = new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).updater(feature.updater()).weightInit(WeightInit.XAVIER);
        feature.network().accept(settings);
        List<NamedLayer> layers = new ArrayList<>(layers(feature));
        if (withLossLayer) {
            layers.add(new NamedLayer("loss", () -> new LossLayer.Builder(LossFunction.MSE)
                    .activation(Activation.IDENTITY).build()));
        }
        return kind.build(settings, layers);
    }

    private static INDArray batch(int step, long columns) {
        Nd4j.getRandom().setSeed(1000 + 10L * step + columns);
        return Nd4j.rand(DataType.DOUBLE, BATCH, columns).subi(0.5).muli(2);
    }

    /** The parameters after {@link #STEPS} updates through the seam: dLoss/dOutput of the batch's mean MSE. */
    private static INDArray trainedThroughTheSeam(NetworkKind kind, Feature feature, INDArray start) {
        Model model = network(kind, feature, false);
        model.setParams(start.dup());
        TrainableNetwork seam = TrainableNetworks.of(model);
        for (int step = 0; step < STEPS; step++) {
            INDArray x = batch(step, IN);
            INDArray y = batch(step, 1);
            // A forward pass without a backward pass, as G's first in a discriminator step when dStepsPerGStep > 1:
            // DL4J's layers drop their noisy weights at the end of a backward pass, so this one's would linger.
            seam.forward(batch(step + STEPS, IN));
            Nd4j.getRandom().setSeed(77 + step); // dropout and weight noise draw from here, as in fit
            INDArray out = seam.forward(x);
            // DL4J's loss gradient is per example; its fit divides by the batch size later, the loop's loss is a mean.
            seam.backward(MSE.computeGradient(y, out.dup(), new ActivationIdentity(), null).divi(BATCH));
            seam.applyUpdate();
        }
        assertThat(seam.updateCount()).isEqualTo(STEPS);
        return seam.params().dup();
    }

    private static INDArray trainedByFit(NetworkKind kind, Feature feature, INDArray start) {
        Model twin = network(kind, feature, true);
        twin.setParams(start.dup());
        for (int step = 0; step < STEPS; step++) {
            INDArray x = batch(step, IN);
            INDArray y = batch(step, 1);
            Nd4j.getRandom().setSeed(77 + step);
            kind.fit(twin, x, y);
        }
        return twin.params().dup();
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void theSeamUpdatesAsDl4jsFitDoes(Feature feature, NetworkKind kind) {
        INDArray start = network(kind, feature, false).params().dup();

        INDArray seam = trainedThroughTheSeam(kind, feature, start);
        INDArray fit = trainedByFit(kind, feature, start);
        assertThat(maxDifference(seam, fit)).as("seam against fit").isLessThan(1e-12);
        assertThat(maxDifference(seam, start)).as("trained").isGreaterThan(1e-3);
        if (!feature.baseline()) {
            INDArray plain = trainedByFit(kind, Feature.baseline("none", feature.updater()), start);
            assertThat(maxDifference(fit, plain)).as("the feature changes what fit does").isGreaterThan(1e-4);
        }
    }
}
