package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The penalties' parameter gradients (two perturbed backward passes) against the exact gradient of the penalty,
 * taken by central differences of the penalty itself in parameter space, in double precision: P(theta +- h e_i)
 * computed through the network's own input gradient (DL4J's first-order backward pass, which is exact). Tiny
 * critics with and without batch norm, dense and convolutional, MultiLayerNetwork and ComputationGraph.
 */
class PenaltyGradientTest {
    private static final double PARAMETER_STEP = 1e-5;
    private static final java.util.Set<String> RUNNING_STATISTICS = java.util.Set.of("mean", "var", "log10stdev");
    private static DataType savedDefault;
    private static DataType savedFloatingPoint;
    private static int savedThreads;
    private static int savedMasterThreads;

    @BeforeAll
    static void doublePrecisionOnOneThread() {
        savedDefault = Nd4j.dataType();
        savedFloatingPoint = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        // Some thousand passes over arrays of a few dozen numbers: waking OpenMP's threads costs more than the work,
        // several times more on a machine that other builds share.
        savedThreads = Nd4j.getEnvironment().maxThreads();
        savedMasterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(savedDefault, savedFloatingPoint);
        Nd4j.getEnvironment().setMaxThreads(savedThreads);
        Nd4j.getEnvironment().setMaxMasterThreads(savedMasterThreads);
    }

    @Test
    void r1MatchesTheExactPenaltyGradient() {
        double gamma = 3.0;
        for (TinyCritics critic : TinyCritics.values()) {
            INDArray real = critic.batch(5);
            TrainableNetwork d = TrainableNetworks.of(critic.build());
            new R1Penalty(gamma).accumulate(d, real, real, 1.0);
            Map<String, INDArray> ours = d.pendingGradients();
            Map<String, INDArray> exact = exactGradient(critic, net -> r1(net, real, gamma));
            assertClose(critic + " R1", ours, exact);
        }
    }

    @Test
    void wganGpMatchesTheExactPenaltyGradient() {
        double lambda = 10.0;
        // The graph path is the seam's business (R1 covers it); these two cover dense and convolutional batch norm.
        for (TinyCritics critic : new TinyCritics[]{TinyCritics.MLP, TinyCritics.CONV_BATCH_NORM}) {
            // Interpolates whose gradient norms straddle 1 matter most; a 3x scale moves some above.
            INDArray interpolates = critic.batch(6).muli(3);
            TrainableNetwork d = TrainableNetworks.of(critic.build());
            new WganGpPenalty(lambda, 1).accumulateAt(d, interpolates, 1.0);
            Map<String, INDArray> ours = d.pendingGradients();
            Map<String, INDArray> exact = exactGradient(critic, net -> gp(net, interpolates, lambda));
            assertClose(critic + " WGAN-GP", ours, exact);
        }
    }

    /**
     * A D with class logits after its adversarial output ([B, 1 + K], ACGAN's auxiliary classifier): R1 is the penalty
     * on the input gradient of column 0 alone, and differs from one on the sum of all outputs.
     */
    @Test
    void r1OfADiscriminatorWithClassOutputsPenalisesItsAdversarialColumnAlone() {
        double gamma = 3.0;
        java.util.function.Supplier<org.deeplearning4j.nn.api.Model> build = () -> {
            org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer
                    .MultiLayerNetwork(TinyCritics.builder(DataType.DOUBLE).list()
                    .layer(TinyCritics.dense(3, 4).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                    .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().build())
                    .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                            .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                    .layer(TinyCritics.dense(4, 3).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                    .build());
            net.init();
            return net;
        };
        INDArray real = TinyCritics.MLP_BATCH_NORM.batch(5);
        TrainableNetwork d = TrainableNetworks.of(build.get());
        new R1Penalty(gamma).accumulate(d, real, real, 1.0);
        Map<String, INDArray> ours = d.pendingGradients();

        Map<String, INDArray> exact = exactGradient(build, net -> r1(norms(net, real, true), gamma));
        Map<String, INDArray> ofTheSum = exactGradient(build, net -> r1(norms(net, real, false), gamma));

        assertClose("R1 on column 0", ours, exact);
        String firstWeights = exact.keySet().iterator().next();
        assertThat(maxAbsDifference(exact.get(firstWeights), ofTheSum.get(firstWeights)))
                .as("the class columns would change it").isGreaterThan(1e-3 * maxAbs(exact.get(firstWeights)));
    }

    @Test
    void theGainScalesTheGradient() {
        TinyCritics critic = TinyCritics.MLP;
        INDArray real = critic.batch(5);
        TrainableNetwork once = TrainableNetworks.of(critic.build());
        TrainableNetwork lazy = TrainableNetworks.of(critic.build());
        new R1Penalty(2.0).accumulate(once, real, real, 1.0);
        new R1Penalty(2.0).accumulate(lazy, real, real, 16.0);
        once.pendingGradients().forEach((key, g) ->
                assertThat(maxAbsDifference(lazy.pendingGradients().get(key), g.mul(16)))
                        .as(key).isLessThan(1e-9 * (1 + maxAbs(g) * 16)));
    }

    /** P(theta) = (gamma / 2) mean_b ||g_b||^2 through the seam's input gradient. */
    static double r1(TrainableNetwork d, INDArray real, double gamma) {
        return r1(norms(d, real), gamma);
    }

    static double r1(double[] norms, double gamma) {
        double sum = 0;
        for (double n : norms) {
            sum += gamma / 2 * n * n;
        }
        return sum / norms.length;
    }

    /** P(theta) = lambda mean_b (||g_b|| - 1)^2. */
    static double gp(TrainableNetwork d, INDArray interpolates, double lambda) {
        double sum = 0;
        for (double n : norms(d, interpolates)) {
            sum += lambda * (n - 1) * (n - 1);
        }
        return sum / interpolates.size(0);
    }

    static double[] norms(TrainableNetwork d, INDArray x) {
        return norms(d, x, false);
    }

    /** ||grad_x sum_b D(x)_b|| per sample: of every output, or ({@code firstColumn}) of column 0 alone. */
    static double[] norms(TrainableNetwork d, INDArray x, boolean firstColumn) {
        INDArray out = d.forward(x);
        INDArray direction = Nd4j.ones(DataType.DOUBLE, out.shape());
        if (firstColumn) {
            direction.assign(0).getColumn(0).assign(1);
        }
        INDArray g = d.inputGradient(direction);
        return g.reshape(g.size(0), -1).norm2(1).toDoubleVector();
    }

    /**
     * Central differences of the penalty in every parameter of a fresh twin of the critic. Batch norm's running
     * statistics play no part in a training-mode pass, so their exact gradient is 0 without differencing.
     */
    static Map<String, INDArray> exactGradient(TinyCritics critic, ToDoubleFunction<TrainableNetwork> penalty) {
        return exactGradient(critic::build, penalty);
    }

    static Map<String, INDArray> exactGradient(java.util.function.Supplier<org.deeplearning4j.nn.api.Model> build,
                                               ToDoubleFunction<TrainableNetwork> penalty) {
        TrainableNetwork twin = TrainableNetworks.of(build.get());
        Map<String, INDArray> gradient = new java.util.LinkedHashMap<>();
        twin.parameterTable().forEach((key, view) -> {
            if (RUNNING_STATISTICS.contains(key.substring(key.indexOf('/') + 1))) {
                gradient.put(key, Nd4j.zeros(DataType.DOUBLE, view.shape()));
                return;
            }
            // The view itself, element by element in row-major order (DL4J's weights are 'f'-ordered views, which a
            // reshape would copy).
            double[] g = new double[(int) view.length()];
            for (int i = 0; i < g.length; i++) {
                long[] at = Shape.ind2subC(view.shape(), i);
                double original = view.getDouble(at);
                view.putScalar(at, original + PARAMETER_STEP);
                double plus = penalty.applyAsDouble(twin);
                view.putScalar(at, original - PARAMETER_STEP);
                double minus = penalty.applyAsDouble(twin);
                view.putScalar(at, original);
                g[i] = (plus - minus) / (2 * PARAMETER_STEP);
            }
            gradient.put(key, Nd4j.create(g, view.shape(), 'c'));
        });
        return gradient;
    }

    static void assertClose(String what, Map<String, INDArray> ours, Map<String, INDArray> exact) {
        assertThat(ours.keySet()).as(what).isEqualTo(exact.keySet());
        double differenceSquared = 0;
        double exactSquared = 0;
        double largest = 0;
        for (String key : exact.keySet()) {
            INDArray a = ours.get(key).reshape(-1);
            INDArray b = exact.get(key).reshape(-1);
            differenceSquared += Math.pow(a.sub(b).norm2Number().doubleValue(), 2);
            exactSquared += Math.pow(b.norm2Number().doubleValue(), 2);
            largest = Math.max(largest, maxAbs(b));
        }
        assertThat(exactSquared).as(what + ": a penalty whose gradient is zero tests nothing").isGreaterThan(1e-6);
        double relative = Math.sqrt(differenceSquared / exactSquared);
        assertThat(relative).as(what + " relative error").isLessThan(1e-4);
        for (String key : exact.keySet()) {
            assertThat(maxAbsDifference(ours.get(key), exact.get(key))).as(what + " " + key)
                    .isLessThan(1e-4 * largest);
        }
    }

    static double maxAbs(INDArray a) {
        return a.amaxNumber().doubleValue();
    }

    static double maxAbsDifference(INDArray a, INDArray b) {
        return a.reshape(-1).sub(b.reshape(-1)).amaxNumber().doubleValue();
    }
}
