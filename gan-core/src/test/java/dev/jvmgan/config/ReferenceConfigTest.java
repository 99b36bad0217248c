package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in configs users run: they must load, spell every key out, and mean what the code means. */
class ReferenceConfigTest {
    // Surefire runs in gan-core/; the configs live at the repository root.
    private static final Path DEFAULT_CONFIG = Path.of("..", "configs", "fashion-dcgan.yaml");
    private static final Path FULL_DATA_CONFIG = Path.of("..", "configs", "fashion-dcgan-60k.yaml");

    /** The DCGAN reference written out by hand, not via {@link Defaults}, so the two are checked against each other. */
    private static RunConfig codeBuilt(String name, String path, int iterations) {
        OptimizerConfig adam = new OptimizerConfig("adam", 2.0e-4, 0.5, 0.999);
        return new RunConfig(name,
                new DataConfig(DataSource.IDX, path, 28, 1),
                new ModelConfig(100,
                        new NetworkConfig("dcgan", List.of(128, 64), new ActivationConfig(ActivationType.RELU,
                                Double.NaN, Double.NaN, Double.NaN), true, 0.02),
                        new NetworkConfig("dcgan", List.of(64, 128), new ActivationConfig(ActivationType.LEAKYRELU,
                                0.2, Double.NaN, Double.NaN), true, 0.02)),
                new TrainConfig(iterations, 64, 1, 42L, adam, adam),
                new OutputConfig("outputs", 50, 250, 1000));
    }

    private static RunConfig load(Path file) {
        return ConfigLoader.load(file, List.of(), List.of());
    }

    @Test
    void defaultConfigEqualsTheCodeBuiltDcganReference() {
        assertThat(load(DEFAULT_CONFIG))
                .isEqualTo(codeBuilt("fashion-dcgan", "embedded:fashion-mnist-test", 3000));
    }

    @Test
    void defaultConfigEqualsTheDefaults() {
        assertThat(load(DEFAULT_CONFIG)).isEqualTo(Defaults.run("fashion-dcgan"));
        assertThat(ConfigLoader.parse("{}", "empty.yaml", "fashion-dcgan", List.of(), List.of()))
                .isEqualTo(codeBuilt("fashion-dcgan", "embedded:fashion-mnist-test", 3000));
    }

    @Test
    void fullDataConfigDiffersOnlyInPathAndIterations() {
        assertThat(load(FULL_DATA_CONFIG)).isEqualTo(codeBuilt("fashion-dcgan-60k",
                "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", 5000));
    }

    @Test
    void defaultConfigSpellsOutEveryKeyTheSchemaHas() throws IOException {
        String resolved = ConfigLoader.toYaml(Defaults.run("x"));
        assertThat(keys(Files.readString(DEFAULT_CONFIG)))
                .containsExactlyInAnyOrderElementsOf(keys(resolved).stream().filter(k -> !k.equals("name")).toList());
    }

    @Test
    void everyKeyLineOfTheDefaultConfigExplainsItself() throws IOException {
        List<String> uncommented = Files.readAllLines(DEFAULT_CONFIG).stream()
                .filter(line -> line.matches("\\s*\\w+:.*") && !line.contains("#"))
                .toList();
        assertThat(uncommented).isEmpty();
    }

    private static List<String> keys(String yaml) {
        try {
            return List.copyOf(YamlLocations.scan(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory(), yaml, "x")
                    .paths());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new AssertionError(e);
        }
    }
}
