package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jvmgan.config.ConfigException;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.testarch.LegacyDenseGenerator;
import dev.jvmgan.testarch.TinyDenseGenerator;
import dev.jvmgan.testarch.TinyResidualDiscriminator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Architectures from outside gan-core: the user-style ones in {@code dev.jvmgan.testarch} (registered only in the
 * test sources' {@code META-INF/services}), class names, DL4J configuration files, and the errors for each.
 */
class ArchitecturePluginTest {
    private static final String BASE = """
            data:
              imageSize: 28
            model:
              generator:
                architecture: %s
              discriminator:
                architecture: %s
            """;

    @TempDir
    Path dir;

    private static RunConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "t.yaml", "t", List.of(), List.of(NetworkFactory.rule()));
    }

    private static String problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    private static Model build(RunConfig config, NetworkRole role) {
        ImageShape image = new ImageShape(config.data().channels(), config.data().imageSize());
        return NetworkFactory.create(role, config.model(), role == NetworkRole.GENERATOR ? config.train().g()
                : config.train().d(), image, 7, DataType.FLOAT);
    }

    @Test
    void userArchitecturesAreFoundByNameThroughServiceLoader() {
        RunConfig config = parse(BASE.formatted("tiny-dense", "TINY-RESIDUAL"));
        assertThat(Architectures.find(NetworkRole.GENERATOR, "tiny-dense")).isInstanceOf(TinyDenseGenerator.class);
        assertThat(Architectures.names(NetworkRole.DISCRIMINATOR)).containsExactly("dcgan", "mlp", "tiny-residual");
        assertThat(build(config, NetworkRole.GENERATOR)).isInstanceOf(MultiLayerNetwork.class);
        assertThat(build(config, NetworkRole.DISCRIMINATOR)).isInstanceOf(ComputationGraph.class);
    }

    @Test
    void builtInsComeThroughTheSameRegistry() {
        assertThat(Architectures.find(NetworkRole.GENERATOR, "dcgan")).isInstanceOf(DcganArchitecture.class);
        assertThat(Architectures.find(NetworkRole.DISCRIMINATOR, "mlp")).isInstanceOf(MlpArchitecture.class);
        assertThat(Architectures.names(NetworkRole.GENERATOR)).containsExactly("dcgan", "mlp", "tiny-dense");
        assertThat(Architectures.isBuiltIn(NetworkRole.GENERATOR, "DCGAN")).isTrue();
        assertThat(Architectures.isBuiltIn(NetworkRole.GENERATOR, "tiny-dense")).isFalse();
    }

    @Test
    void aFullyQualifiedClassNameWorksWithoutRegistration() {
        RunConfig config = parse(BASE.formatted(TinyDenseGenerator.class.getName(), "dcgan"));
        assertThat(config.model().generator().architecture()).isEqualTo(TinyDenseGenerator.class.getName());
        assertThat(build(config, NetworkRole.GENERATOR)).isInstanceOf(MultiLayerNetwork.class);
    }

    @Test
    void unknownNamesAndWrongClassesSayWhatIsAvailable() {
        assertThat(problems(BASE.formatted("dcgan", "resnet-small"))).isEqualTo(
                "t.yaml:7: model.discriminator.architecture: unknown architecture 'resnet-small'; known: dcgan, mlp, "
                        + "tiny-residual (or a class name implementing dev.jvmgan.model.Architecture, or a DL4J "
                        + "configuration file .json/.yaml)");
        assertThat(problems(BASE.formatted("com.example.Missing", TinyDenseGenerator.class.getName())))
                .contains("t.yaml:5: model.generator.architecture: no class com.example.Missing on the classpath")
                .contains("t.yaml:7: model.discriminator.architecture: dev.jvmgan.testarch.TinyDenseGenerator "
                        + "builds only the generator (its roles()), so it cannot be the discriminator");
        assertThat(problems(BASE.formatted("dcgan", String.class.getName()))).isEqualTo(
                "t.yaml:7: model.discriminator.architecture: java.lang.String does not implement "
                        + "dev.jvmgan.model.Architecture");
    }

    @Test
    void aNameRegisteredOnlyForTheOtherNetworkSaysWhichNetworkItBuilds() {
        assertThat(problems(BASE.formatted("tiny-residual", "tiny-dense"))).isEqualTo(
                "t.yaml:5: model.generator.architecture: 'tiny-residual' builds a discriminator, not a generator; "
                        + "generators: dcgan, mlp, tiny-dense (or a class name implementing "
                        + "dev.jvmgan.model.Architecture, or a DL4J configuration file .json/.yaml)\n"
                        + "t.yaml:7: model.discriminator.architecture: 'tiny-dense' builds a generator, not a "
                        + "discriminator; discriminators: dcgan, mlp, tiny-residual (or a class name implementing "
                        + "dev.jvmgan.model.Architecture, or a DL4J configuration file .json/.yaml)");
    }

    @Test
    void paramsAreCheckedAgainstWhatTheArchitectureTakes() {
        String yaml = BASE.formatted("tiny-dense", "dcgan").replace("architecture: tiny-dense", """
                architecture: tiny-dense
                    params:
                      hiden: 16""") + """
                """;
        assertThat(problems(yaml)).isEqualTo("t.yaml:7: model.generator.params.hiden: not a parameter of tiny-dense "
                + "(did you mean 'hidden'?); it takes: hidden, side");
        String builtIn = BASE.formatted("dcgan", "dcgan").replace("architecture: dcgan\n  discriminator", """
                architecture: dcgan
                    params: {blocks: 2}
                  discriminator""");
        assertThat(problems(builtIn)).isEqualTo(
                "t.yaml:6: model.generator.params.blocks: dcgan takes no params; delete this key");
    }

    @Test
    void badParamValuesNameTheirKey() {
        String yaml = BASE.formatted("tiny-dense", "dcgan").replace("architecture: tiny-dense", """
                architecture: tiny-dense
                    params:
                      hidden: lots""");
        assertThat(problems(yaml)).isEqualTo("t.yaml:7: model.generator.params.hidden: 'lots' is not an integer");
    }

    @Test
    void aGeneratorThatDrawsTheWrongSizeIsAConfigErrorNamingBothShapes() {
        String yaml = BASE.formatted("tiny-dense", "dcgan").replace("architecture: tiny-dense", """
                architecture: tiny-dense
                    params: {side: 14}""");
        assertThat(problems(yaml)).isEqualTo("t.yaml:5: model.generator.architecture: tiny-dense makes images of "
                + "shape 196 per sample, but the discriminator (model.discriminator.architecture: dcgan) takes 1x28x28 "
                + "(data.channels: 1, data.imageSize: 28); make the generator output 1x28x28 (or 784 values, flat), "
                + "or change data.channels/data.imageSize");
    }

    @Test
    void aDiscriminatorMustGiveOneLogitPerSample() {
        String yaml = BASE.formatted("dcgan", "tiny-residual").replace("architecture: tiny-residual", """
                architecture: tiny-residual
                    params: {logits: 3}""");
        assertThat(problems(yaml)).isEqualTo("t.yaml:7: model.discriminator.architecture: tiny-residual outputs 2x3 "
                + "for a batch of 2 images of 1x28x28; a discriminator must output one raw logit per sample, "
                + "[batch, 1]: end it in a dense layer of 1 unit with identity activation");
    }

    @Test
    void dl4jsOwnPReluInAConfigurationFileRunsAsTheToolkitsPRelu() throws IOException {
        MultiLayerNetwork prelu = (MultiLayerNetwork) build(parse(BASE.formatted("dcgan", "dcgan")
                + "    activation: prelu\n"), NetworkRole.DISCRIMINATOR);
        // As a user's file would hold it: DL4J's own PReLULayer, whose prelu_bp fails at DCGAN sizes.
        String json = prelu.getLayerWiseConfigurations().toJson().replace(PReluLayer.class.getName(),
                org.deeplearning4j.nn.conf.layers.PReLULayer.class.getName());
        assertThat(json).doesNotContain(PReluLayer.class.getName());
        Path file = dir.resolve("d-prelu.json");
        Files.writeString(file, json);
        MultiLayerNetwork d = (MultiLayerNetwork) build(parse(BASE.formatted("dcgan", file)), NetworkRole.DISCRIMINATOR);
        assertThat(d.getLayer("act1").conf().getLayer()).isInstanceOf(PReluLayer.class);
        assertThat(d.getLayer("act1")).isInstanceOf(PReluLayer.Runtime.class);
    }

    @Test
    void aDl4jConfigurationFileIsAnArchitectureWithTheRunsOptimiser() throws IOException {
        MultiLayerNetwork reference = (MultiLayerNetwork) build(parse(BASE.formatted("dcgan", "dcgan")),
                NetworkRole.DISCRIMINATOR);
        Path json = dir.resolve("d.json");
        Files.writeString(json, reference.getLayerWiseConfigurations().toJson());
        Path yaml = dir.resolve("d.yml");
        Files.writeString(yaml, reference.getLayerWiseConfigurations().toYaml());
        for (Path file : List.of(json, yaml)) {
            RunConfig config = parse(BASE.formatted("dcgan", file) + """
                    train:
                      d: {lr: 0.001}
                    """);
            MultiLayerNetwork d = (MultiLayerNetwork) build(config, NetworkRole.DISCRIMINATOR);
            assertThat(d.numParams()).isEqualTo(reference.numParams());
            BaseLayer conv1 = (BaseLayer) d.getLayer(0).conf().getLayer();
            assertThat(((Adam) conv1.getIUpdater()).getLearningRate()).as(file.toString()).isEqualTo(0.001);
        }
        Path graphFile = dir.resolve("g.json");
        ComputationGraph graph = (ComputationGraph) build(parse(BASE.formatted("dcgan", "tiny-residual")),
                NetworkRole.DISCRIMINATOR);
        Files.writeString(graphFile, graph.getConfiguration().toJson());
        assertThat(build(parse(BASE.formatted("dcgan", graphFile)), NetworkRole.DISCRIMINATOR))
                .isInstanceOf(ComputationGraph.class);
    }

    @Test
    void aConfigurationFileWithALineSearchOptimiserIsAConfigErrorSayingWhatToDo() throws IOException {
        MultiLayerNetwork reference = (MultiLayerNetwork) build(parse(BASE.formatted("dcgan", "dcgan")),
                NetworkRole.DISCRIMINATOR);
        String json = reference.getLayerWiseConfigurations().toJson();
        String lbfgs = json.replaceAll("\"optimizationAlgo\"\\s*:\\s*\"STOCHASTIC_GRADIENT_DESCENT\"",
                "\"optimizationAlgo\" : \"LBFGS\"");
        assertThat(lbfgs).isNotEqualTo(json);
        Path file = dir.resolve("d-lbfgs.json");
        Files.writeString(file, lbfgs);
        assertThat(problems(BASE.formatted("dcgan", file))).isEqualTo("t.yaml:7: model.discriminator.architecture: "
                + file + ": optimizationAlgo LBFGS is set for the whole network; the training loop takes plain "
                + "gradient steps (STOCHASTIC_GRADIENT_DESCENT, DL4J's default) and cannot run a line search, which "
                + "needs the loss inside the network: remove optimizationAlgo(...), or set it to "
                + "STOCHASTIC_GRADIENT_DESCENT, and pick the optimiser with the updater");
    }

    @Test
    void aMissingOrBrokenConfigurationFileIsAConfigError() throws IOException {
        assertThat(problems(BASE.formatted("dcgan", dir.resolve("none.json"))))
                .startsWith("t.yaml:7: model.discriminator.architecture: no DL4J configuration file at ");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"confs\": 3}");
        assertThat(problems(BASE.formatted("dcgan", broken)))
                .startsWith("t.yaml:7: model.discriminator.architecture: " + broken + " is not a DL4J "
                        + "MultiLayerConfiguration in JSON as DL4J writes it (conf.toJson()): ");
    }

    @Test
    void aBrokenServicesEntryIsAClearError() throws Exception {
        Path services = Files.createDirectories(dir.resolve("jar/META-INF/services"));
        Files.writeString(services.resolve(Architecture.class.getName()), "com.example.Gone\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (java.net.URLClassLoader jar = new java.net.URLClassLoader(
                new java.net.URL[] {dir.resolve("jar").toUri().toURL()}, before)) {
            thread.setContextClassLoader(jar);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Architectures.names(NetworkRole.GENERATOR)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("META-INF/services/dev.jvmgan.model.Architecture cannot be loaded")
                    .hasMessageContaining("com.example.Gone");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Runs {@code check} with a class loader that also sees {@code services/<file>} holding {@code lines}. */
    private void withServicesFile(String file, String lines, Runnable check) throws Exception {
        Path services = Files.createDirectories(dir.resolve("old-jar/META-INF/services"));
        Files.writeString(services.resolve(file), lines);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (java.net.URLClassLoader jar = new java.net.URLClassLoader(
                new java.net.URL[] {dir.resolve("old-jar").toUri().toURL()}, before)) {
            thread.setContextClassLoader(jar);
            check.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A plug-in of an earlier version, registered in the deprecated services file, loads unchanged. */
    @Test
    void aGeneratorRegisteredUnderTheDeprecatedInterfaceStillLoadsForItsRoleOnly() throws Exception {
        withServicesFile("dev.jvmgan.model.GeneratorArchitecture", "# an old plug-in\n"
                + LegacyDenseGenerator.class.getName() + "\n", () -> {
            assertThat(Architectures.find(NetworkRole.GENERATOR, "legacy-dense"))
                    .isInstanceOf(LegacyDenseGenerator.class);
            assertThat(Architectures.names(NetworkRole.GENERATOR)).containsExactly("dcgan", "mlp", "legacy-dense",
                    "tiny-dense");
            assertThat(Architectures.names(NetworkRole.DISCRIMINATOR)).doesNotContain("legacy-dense");
            assertThat(build(parse(BASE.formatted("legacy-dense", "dcgan")), NetworkRole.GENERATOR))
                    .isInstanceOf(MultiLayerNetwork.class);
        });
    }

    /** As a build directory that kept the old file, or a jar whose author moved the class but not the line. */
    @Test
    void anOldServicesLineForAClassRegisteredAnewIsIgnored() throws Exception {
        withServicesFile("dev.jvmgan.model.DiscriminatorArchitecture", DcganArchitecture.class.getName() + "\n"
                + TinyResidualDiscriminator.class.getName() + "\n", () -> assertThat(
                        Architectures.names(NetworkRole.DISCRIMINATOR)).containsExactly("dcgan", "mlp", "tiny-residual"));
    }

    @Test
    void aBrokenLineInAnOldServicesFileNamesTheFileAndTheClass() throws Exception {
        withServicesFile("dev.jvmgan.model.GeneratorArchitecture", "com.example.Gone\n", () -> assertThat(
                org.assertj.core.api.Assertions.catchThrowable(() -> Architectures.names(NetworkRole.GENERATOR)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("META-INF/services/dev.jvmgan.model.GeneratorArchitecture")
                .hasMessageContaining("no class com.example.Gone"));
    }
}
