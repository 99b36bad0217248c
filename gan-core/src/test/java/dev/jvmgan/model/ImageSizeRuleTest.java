package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Sizes a dcgan network cannot reach, unknown architectures: one message at build time and at config load. */
class ImageSizeRuleTest {
    private static final ModelConfig REFERENCE = Fixtures.referenceDcgan();

    @Test
    void generatorRejectsAnUnreachableSizeWithTheRuleAndTheFixes() {
        assertThatThrownBy(() -> NetworkFactory.generator(REFERENCE, Fixtures.ADAM, new ImageShape(1, 30), 1,
                DataType.FLOAT)).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "data.imageSize: 30 cannot be reached by the dcgan generator: 2 up-sampling stages "
                        + "(model.generator.widths has 2 entries) need a multiple of 4 (start size >= 2); "
                        + "sizes that work: 28, 32; or change the number of widths (30 allows at most 1)");
    }

    @Test
    void discriminatorRejectsAnUnreachableSize() {
        assertThatThrownBy(() -> NetworkFactory.discriminator(REFERENCE, Fixtures.ADAM, new ImageShape(1, 30), 1,
                DataType.FLOAT)).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "data.imageSize: 30 cannot be taken by the dcgan discriminator: 2 down-sampling stages "
                        + "(model.discriminator.widths has 2 entries) need a multiple of 4 (final size >= 2); "
                        + "sizes that work: 28, 32; or change the number of widths (30 allows at most 1)");
    }

    @ParameterizedTest(name = "{0} with {1} stages")
    @CsvSource(delimiter = '|', value = {
            "4  | 2 | 4 cannot be reached by the dcgan generator: 2 up-sampling stages (model.generator.widths has 2 entries) need a multiple of 4 (start size >= 2); sizes that work: 8; or change the number of widths (4 allows at most 1)",
            "31 | 1 | 31 cannot be reached by the dcgan generator: 1 up-sampling stage (model.generator.widths has 1 entry) needs a multiple of 2 (start size >= 2); sizes that work: 30, 32; or change the number of widths",
            "40 | 4 | 40 cannot be reached by the dcgan generator: 4 up-sampling stages (model.generator.widths has 4 entries) need a multiple of 16 (start size >= 2); sizes that work: 32, 48; or change the number of widths (40 allows at most 3)"})
    void messageNamesTheNearestSizes(int size, int stages, String message) {
        assertThat(Dcgan.sizeMessage(NetworkRole.GENERATOR, size, stages)).isEqualTo(message);
    }

    @Test
    void ruleReportsBadSizesForBothNetworks() {
        List<Violation> problems = NetworkFactory.rule().check(Fixtures.run(REFERENCE, 30));
        assertThat(problems).extracting(Violation::key).containsExactly("data.imageSize", "data.imageSize");
        assertThat(problems.get(0).message()).startsWith("30 cannot be reached by the dcgan generator: ");
        assertThat(problems.get(1).message()).startsWith("30 cannot be taken by the dcgan discriminator: ");
    }

    @Test
    void ruleReportsUnknownArchitectures() {
        NetworkConfig resnet = new NetworkConfig("resnet", List.of(64), ActivationConfig.relu(), true, 0.02);
        ModelConfig model = new ModelConfig(100, resnet, REFERENCE.discriminator());
        // The test sources register one user-style architecture per role (dev.jvmgan.testarch).
        String known = "unknown architecture 'resnet'; known: dcgan, mlp, tiny-dense (or a class name implementing "
                + "dev.jvmgan.model.Architecture, or a DL4J configuration file .json/.yaml)";
        assertThat(NetworkFactory.rule().check(Fixtures.run(model, 28))).containsExactly(new Violation(
                "model.generator.architecture", known));
        assertThatThrownBy(() -> NetworkFactory.generator(model, Fixtures.ADAM, new ImageShape(1, 28), 1,
                DataType.FLOAT)).hasMessage("model.generator.architecture: " + known);
        assertThat(NetworkFactory.architectures(NetworkRole.GENERATOR)).containsExactly("dcgan", "mlp", "tiny-dense");
    }

    @Test
    void ruleAcceptsBuildableConfigs() {
        assertThat(NetworkFactory.rule().check(Fixtures.run(REFERENCE, 28))).isEmpty();
        assertThat(NetworkFactory.rule().check(Fixtures.run(REFERENCE, 64))).isEmpty();
        ModelConfig mlp = Fixtures.tiny("mlp", ActivationConfig.relu());
        assertThat(NetworkFactory.rule().check(Fixtures.run(mlp, 30))).isEmpty();
    }

    @Test
    void imageShapeIsChecked() {
        assertThatThrownBy(() -> new ImageShape(2, 28)).hasMessage("channels: 2 must be 1 (grey) or 3 (RGB)");
        assertThatThrownBy(() -> new ImageShape(1, 0)).hasMessage("size: 0 must be >= 1");
        assertThat(new ImageShape(3, 2).pixels()).isEqualTo(12);
    }
}
