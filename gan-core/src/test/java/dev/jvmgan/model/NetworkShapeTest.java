package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ModelConfig;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class NetworkShapeTest {
    private static final int BATCH = 2;

    static Stream<Arguments> shapes() {
        return Stream.of("dcgan", "mlp").flatMap(architecture -> Stream.of(8, 16, 28, 32, 64)
                .flatMap(size -> Stream.of(1, 3).map(channels -> Arguments.of(architecture, size, channels))));
    }

    @ParameterizedTest(name = "{0} {2}x{1}x{1}")
    @MethodSource("shapes")
    void generatorFeedsDiscriminator(String architecture, int size, int channels) {
        ModelConfig model = Fixtures.tiny(architecture, ActivationConfig.leakyRelu(0.2));
        ImageShape image = new ImageShape(channels, size);
        MultiLayerNetwork g = NetworkFactory.generator(model, Fixtures.ADAM, image, Fixtures.SEED, DataType.FLOAT);
        MultiLayerNetwork d = NetworkFactory.discriminator(model, Fixtures.ADAM, image, Fixtures.SEED, DataType.FLOAT);

        INDArray fakes = g.output(Fixtures.gaussian(DataType.FLOAT, 1, BATCH, model.latentDim()), false);
        if (architecture.equals("dcgan")) {
            assertThat(fakes.shape()).containsExactly(BATCH, channels, size, size);
        } else {
            assertThat(fakes.shape()).containsExactly(BATCH, (long) channels * size * size);
            fakes = fakes.reshape('c', BATCH, channels, size, size);
        }
        assertThat(fakes.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(fakes.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1.0);
        assertThat(d.output(fakes, false).shape()).containsExactly(BATCH, 1);
    }

    @ParameterizedTest(name = "dcgan with {1} stages at {0}")
    @MethodSource("stageCounts")
    void dcganStageCountSetsStartSize(int size, int stages) {
        Integer[] widths = new Integer[stages];
        java.util.Arrays.fill(widths, 3);
        ModelConfig model = new ModelConfig(4, Fixtures.net("dcgan", ActivationConfig.relu(), widths),
                Fixtures.net("dcgan", ActivationConfig.leakyRelu(0.2), widths));
        ImageShape image = new ImageShape(3, size);
        MultiLayerNetwork g = NetworkFactory.generator(model, Fixtures.ADAM, image, Fixtures.SEED, DataType.FLOAT);
        MultiLayerNetwork d = NetworkFactory.discriminator(model, Fixtures.ADAM, image, Fixtures.SEED, DataType.FLOAT);

        long start = size >> stages;
        assertThat(g.getLayer("fc1").getParam("W").shape()).containsExactly(4, start * start * 3);
        INDArray fakes = g.output(Fixtures.gaussian(DataType.FLOAT, 1, BATCH, 4), false);
        assertThat(fakes.shape()).containsExactly(BATCH, 3, size, size);
        assertThat(d.output(fakes, false).shape()).containsExactly(BATCH, 1);
    }

    static Stream<Arguments> stageCounts() {
        return Stream.of(Arguments.of(8, 1), Arguments.of(32, 3), Arguments.of(64, 5), Arguments.of(24, 2));
    }
}
