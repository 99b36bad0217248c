package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ModelConfig;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every family member inside both networks, both architectures: forward, formula, backward, JSON. */
class ActivationLayersTest {
    private static final ImageShape IMAGE = new ImageShape(1, 8);
    private static final int BATCH = 3;

    @ParameterizedTest
    @EnumSource(ActivationType.class)
    void activationLayerComputesTheFormulaOnItsInput(ActivationType type) {
        ActivationConfig config = ActivationConfig.defaults(type);
        for (String architecture : List.of("dcgan", "mlp")) {
            ModelConfig model = Fixtures.tiny(architecture, config);
            MultiLayerNetwork g = NetworkFactory.generator(model, Fixtures.ADAM, IMAGE, 1, DataType.DOUBLE);
            MultiLayerNetwork d = NetworkFactory.discriminator(model, Fixtures.ADAM, IMAGE, 1, DataType.DOUBLE);
            INDArray z = Fixtures.gaussian(DataType.DOUBLE, 2, BATCH, model.latentDim());
            INDArray images = Fixtures.gaussian(DataType.DOUBLE, 3, BATCH, 1, 8, 8);
            for (var pair : List.of(new Object[] {g, z}, new Object[] {d, images})) {
                MultiLayerNetwork net = (MultiLayerNetwork) pair[0];
                // Training mode: in inference DL4J overwrites the activation layer's input in place.
                List<INDArray> acts = net.feedForward((INDArray) pair[1], true);
                for (String name : List.of("act1", "act2")) {
                    int index = net.getLayer(name).getIndex();
                    assertFormula(config, acts.get(index), acts.get(index + 1), architecture + " " + name);
                }
                assertThat(acts.get(acts.size() - 1).isInfinite().any() || acts.get(acts.size() - 1).isNaN().any())
                        .isFalse();
            }
            if (type == ActivationType.PRELU) {
                assertPReLUSlopes(g, d, architecture, config.alpha());
            } else {
                assertThat(((ActivationLayer) g.getLayer("act1").conf().getLayer()).getActivationFn())
                        .isEqualTo(Activations.of(config));
            }
        }
    }

    /** Input gradient of sum(w * D(x)) against central differences, BN in training mode, double precision. */
    @ParameterizedTest
    @EnumSource(ActivationType.class)
    void discriminatorBackpropMatchesFiniteDifferences(ActivationType type) {
        ActivationConfig config = switch (type) {
            case RRELU -> new ActivationConfig(type, Double.NaN, 0.3, 0.3); // one slope: deterministic
            case ELU -> new ActivationConfig(type, 0.5, Double.NaN, Double.NaN); // alpha 1 hides DL4J's defect
            default -> ActivationConfig.defaults(type);
        };
        for (String architecture : List.of("dcgan", "mlp")) {
            MultiLayerNetwork d = NetworkFactory.discriminator(Fixtures.tiny(architecture, config), Fixtures.ADAM,
                    IMAGE, 5, DataType.DOUBLE);
            INDArray x = Fixtures.gaussian(DataType.DOUBLE, 6, BATCH, 1, 8, 8);
            INDArray weights = Fixtures.gaussian(DataType.DOUBLE, 7, BATCH, 1);
            d.setInput(x);
            d.feedForward(true, false);
            INDArray analytic = d.backpropGradient(weights.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond();
            assertThat(analytic.shape()).containsExactly(BATCH, 1, 8, 8);
            for (long flat : new long[] {0, 17, 70, 101, 190}) {
                double h = 1e-6;
                INDArray plus = x.dup();
                INDArray minus = x.dup();
                plus.putScalar(flat, x.getDouble(flat) + h);
                minus.putScalar(flat, x.getDouble(flat) - h);
                double numeric = (loss(d, plus, weights) - loss(d, minus, weights)) / (2 * h);
                assertThat(analytic.getDouble(flat)).as("%s %s dL/dx[%s]", architecture, type, flat)
                        .isCloseTo(numeric, within(1e-6 + 1e-4 * Math.abs(numeric)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ActivationType.class)
    void configurationSurvivesJson(ActivationType type) {
        ModelConfig model = Fixtures.tiny("dcgan", ActivationConfig.defaults(type));
        for (MultiLayerNetwork net : List.of(
                NetworkFactory.generator(model, Fixtures.ADAM, IMAGE, 1, DataType.FLOAT),
                NetworkFactory.discriminator(model, Fixtures.ADAM, IMAGE, 1, DataType.FLOAT))) {
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
            assertThat(back).isEqualTo(conf);
            var layer = back.getConf(net.getLayer("act1").getIndex()).getLayer();
            if (layer instanceof ActivationLayer a) {
                assertThat(a.getActivationFn().getClass())
                        .isEqualTo(Activations.of(ActivationConfig.defaults(type)).getClass());
            }
        }
    }

    private static double loss(MultiLayerNetwork d, INDArray x, INDArray weights) {
        return d.output(x, true).mul(weights).sumNumber().doubleValue();
    }

    private static void assertFormula(ActivationConfig config, INDArray pre, INDArray post, String where) {
        assertThat(post.shape()).isEqualTo(pre.shape());
        double[] x = pre.ravel().toDoubleVector();
        double[] y = post.ravel().toDoubleVector();
        for (int i = 0; i < x.length; i++) {
            if (config.type() == ActivationType.RRELU) {
                double slope = x[i] < 0 ? y[i] / x[i] : 1;
                assertThat(slope).as(where).isBetween(config.lower() - 1e-9, 1.0);
                if (x[i] < 0) {
                    assertThat(slope).as(where).isLessThanOrEqualTo(config.upper() + 1e-9);
                }
            } else {
                assertThat(y[i]).as("%s f(%s)", where, x[i]).isCloseTo(formula(config).applyAsDouble(x[i]),
                        within(1e-9));
            }
        }
    }

    private static DoubleUnaryOperator formula(ActivationConfig a) {
        return switch (a.type()) {
            case RELU -> x -> Math.max(0, x);
            case LEAKYRELU, PRELU -> x -> x > 0 ? x : a.alpha() * x;
            case ELU -> x -> x > 0 ? x : a.alpha() * (Math.exp(x) - 1);
            case SELU -> x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1));
            case GELU -> x -> x * 0.5 * (1 + ActivationsTest.erf(x / Math.sqrt(2)));
            case SILU -> x -> x / (1 + Math.exp(-x));
            case RRELU -> throw new AssertionError("random");
        };
    }

    private static void assertPReLUSlopes(MultiLayerNetwork g, MultiLayerNetwork d, String architecture, double alpha) {
        for (MultiLayerNetwork net : List.of(g, d)) {
            for (String name : List.of("act1", "act2")) {
                assertThat(net.getLayer(name).conf().getLayer()).isInstanceOf(PReLULayer.class);
                INDArray slopes = net.getLayer(name).getParam("W");
                assertThat(slopes.minNumber().doubleValue()).isEqualTo(alpha);
                assertThat(slopes.maxNumber().doubleValue()).isEqualTo(alpha);
            }
        }
        if (architecture.equals("dcgan")) {
            // One slope per unit after fc1 (2*2*4 units), one per channel after a (de)convolution.
            assertThat(g.getLayer("act1").getParam("W").shape()).containsExactly(16);
            assertThat(g.getLayer("act2").getParam("W").shape()).containsExactly(2, 1, 1);
            assertThat(d.getLayer("act1").getParam("W").shape()).containsExactly(2, 1, 1);
            assertThat(d.getLayer("act2").getParam("W").shape()).containsExactly(4, 1, 1);
        } else {
            assertThat(g.getLayer("act1").getParam("W").shape()).containsExactly(4);
            assertThat(d.getLayer("act2").getParam("W").shape()).containsExactly(4);
        }
    }
}
