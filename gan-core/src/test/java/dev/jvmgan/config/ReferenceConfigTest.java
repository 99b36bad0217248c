package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.model.NetworkFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checked-in configs users run: they must load, spell every key out, and mean what the code means. */
class ReferenceConfigTest {
    // Surefire runs in gan-core/; the configs live at the repository root.
    private static final Path CONFIGS = Path.of("..", "configs");
    private static final Path DEFAULT_CONFIG = CONFIGS.resolve("fashion-dcgan.yaml");
    private static final Path FULL_DATA_CONFIG = CONFIGS.resolve("fashion-dcgan-60k.yaml");
    private static final ActivationConfig LEAKY = new ActivationConfig(ActivationType.LEAKYRELU, 0.2, Double.NaN,
            Double.NaN);

    private static RunConfig codeBuilt(String name, String path, int iterations) {
        return codeBuilt(name, path, iterations, LEAKY, 2.0e-4, 50);
    }

    /** The DCGAN reference written out by hand, not via {@link Defaults}, so the two are checked against each other. */
    private static RunConfig codeBuilt(String name, String path, int iterations, ActivationConfig dActivation,
                                       double lr, int monitorEvery) {
        OptimizerConfig adam = new OptimizerConfig("adam", lr, 0.5, 0.999);
        return new RunConfig(name,
                new DataConfig(DataSource.IDX, path, 28, 1),
                new ModelConfig(100,
                        new NetworkConfig("dcgan", List.of(128, 64), new ActivationConfig(ActivationType.RELU,
                                Double.NaN, Double.NaN, Double.NaN), true, 0.02),
                        new NetworkConfig("dcgan", List.of(64, 128), dActivation, true, 0.02)),
                new TrainConfig(iterations, 64, 1, 42L, adam, adam, new LossConfig(LossConfig.Type.NS, 1.0),
                        PenaltyConfig.none(), List.of(), new InstanceNoiseConfig(0.0, 1000), EmaConfig.off()),
                new OutputConfig("outputs", 50, 250, 1000),
                new MonitorConfig(monitorEvery, 5, 500, 1.0e-7, 1.0e3, new AlertConfig(0.3, 0.1,
                        OptionalDouble.empty(), OptionalDouble.empty(), 3, 1.0e-4,
                        Map.of("dead-units", "warn", "dead-rising", "warn", "d-overpowering", "warn",
                                "g-gradient-vanishing", "warn"))));
    }

    private static RunConfig load(Path file) {
        return ConfigLoader.load(file, List.of(), List.of());
    }

    /** Every YAML file in configs/, so a new one is checked the day it is added. */
    static Stream<Path> allConfigs() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).contains(DEFAULT_CONFIG, FULL_DATA_CONFIG);
            return yaml.stream();
        }
    }

    /**
     * Configs whose architectures live in gan-examples, which gan-core's tests cannot see; gan-examples' own
     * test loads every config, these included.
     */
    static final List<String> NEEDS_EXAMPLES = List.of("fashion-projection-custom.yaml", "fashion-resnet-custom.yaml");

    static Stream<Path> coreConfigs() throws IOException {
        return allConfigs().filter(f -> !NEEDS_EXAMPLES.contains(f.getFileName().toString()));
    }

    @ParameterizedTest
    @MethodSource("coreConfigs")
    void everyConfigLoadsAndBuildsItsNetworks(Path file) {
        // The data rule is left out: the 60k config's dataset is a Debian package a test machine may lack.
        RunConfig config = ConfigLoader.load(file, List.of(), List.of(NetworkFactory.rule()));
        assertThat(config.name()).isEqualTo(ConfigLoader.baseName(file));
    }

    @ParameterizedTest
    @MethodSource("allConfigs")
    void everyKeyLineExplainsItself(Path file) throws IOException {
        List<String> uncommented = Files.readAllLines(file).stream()
                .filter(line -> line.matches("\\s*[\\w-]+:.*") && !line.contains("#"))
                .toList();
        assertThat(uncommented).isEmpty();
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
    void evalConfigIsTheDefaultWithScoresEvery1000AndBestByFd() {
        RunConfig base = codeBuilt("fashion-dcgan-eval", "embedded:fashion-mnist-test", 3000);
        RunConfig expected = new RunConfig(base.name(), base.data(), base.model(), base.train(),
                new OutputConfig("outputs", 50, 250, 1000, 3, "fd", "min"), base.monitors(), new EvalConfig(1000, 5000));
        assertThat(load(CONFIGS.resolve("fashion-dcgan-eval.yaml"))).isEqualTo(expected);
    }

    @Test
    void fullDataConfigDiffersOnlyInPathAndIterations() {
        assertThat(load(FULL_DATA_CONFIG)).isEqualTo(codeBuilt("fashion-dcgan-60k",
                "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", 5000));
    }

    @Test
    void dyingReluPairDiffersOnlyInTheDiscriminatorsActivation() {
        assertThat(load(CONFIGS.resolve("fashion-dcgan-relu-highlr.yaml"))).isEqualTo(codeBuilt(
                "fashion-dcgan-relu-highlr", "embedded:fashion-mnist-test", 1500, ActivationConfig.relu(), 2.0e-3, 25));
        assertThat(load(CONFIGS.resolve("fashion-dcgan-leaky-highlr.yaml"))).isEqualTo(codeBuilt(
                "fashion-dcgan-leaky-highlr", "embedded:fashion-mnist-test", 1500, LEAKY, 2.0e-3, 25));
    }

    /** The 60k reference with another name and training algorithm, and D without batch norm if asked. */
    private static RunConfig sixtyK(String name, boolean dBatchNorm, TrainConfig train) {
        return sixtyK(name, dBatchNorm, false, train);
    }

    /** The same, with D spectrally normalised if asked. */
    private static RunConfig sixtyK(String name, boolean dBatchNorm, boolean dSpectralNorm, TrainConfig train) {
        RunConfig base = codeBuilt(name, "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", 5000);
        NetworkConfig d = base.model().discriminator();
        return new RunConfig(name, base.data(), new ModelConfig(base.model().latentDim(), base.model().generator(),
                new NetworkConfig(d.architecture(), d.widths(), d.activation(), dBatchNorm, dSpectralNorm, d.initStd())),
                train,
                base.output(), base.monitors());
    }

    @Test
    void lossAndRegulariserConfigsDifferFromThe60kConfigInTheirAlgorithmOnly() {
        TrainConfig t = load(FULL_DATA_CONFIG).train();
        InstanceNoiseConfig noNoise = new InstanceNoiseConfig(0.0, 1000);
        OptimizerConfig paper = new OptimizerConfig("adam", 1.0e-4, 0.0, 0.9);
        assertThat(load(CONFIGS.resolve("fashion-wgan-gp.yaml"))).isEqualTo(sixtyK("fashion-wgan-gp", false,
                new TrainConfig(5000, 64, 5, 42L, paper, paper, LossConfig.of(LossConfig.Type.WGAN),
                        PenaltyConfig.wganGp(10, 1), List.of(), noNoise, EmaConfig.off())));
        assertThat(load(CONFIGS.resolve("fashion-hinge-sn.yaml"))).isEqualTo(sixtyK("fashion-hinge-sn", false, true,
                t.withAlgorithm(LossConfig.of(LossConfig.Type.HINGE), PenaltyConfig.none(), List.of(), noNoise)));
        assertThat(load(CONFIGS.resolve("fashion-r1-ema.yaml"))).isEqualTo(sixtyK("fashion-r1-ema", true,
                t.withAlgorithm(LossConfig.of(LossConfig.Type.NS), PenaltyConfig.r1(0.1, 16), List.of(), noNoise)
                        .withEma(new EmaConfig(10_000, 0.05))));
    }

    @Test
    void highLearningRateConfigIsThe60kConfigAtTenTimesTheRatesWithAStandingAverage() {
        TrainConfig t = load(FULL_DATA_CONFIG).train();
        OptimizerConfig fast = new OptimizerConfig("adam", 2.0e-3, 0.5, 0.999);
        RunConfig base = sixtyK("fashion-highlr-ema", true,
                new TrainConfig(t.iterations(), t.batchSize(), t.dStepsPerGStep(), t.seed(), fast, fast, t.loss(),
                        t.penalty(), t.augment(), t.instanceNoise(), new EmaConfig(10_000, 0.05, 100)));
        OutputConfig o = base.output();
        assertThat(load(CONFIGS.resolve("fashion-highlr-ema.yaml"))).isEqualTo(new RunConfig(base.name(), base.data(),
                base.model(), base.train(), new OutputConfig(o.runsRoot(), o.logEvery(), 1000, o.checkpointEvery(),
                o.keepCheckpoints(), o.bestMetric(), o.bestMode()), base.monitors()));
    }

    @Test
    void halfWidthDConfigIsTheHighLearningRateConfigWithDAtHalfWidthForLonger() {
        RunConfig fast = load(CONFIGS.resolve("fashion-highlr-ema.yaml"));
        NetworkConfig d = fast.model().discriminator();
        ModelConfig m = fast.model();
        TrainConfig t = fast.train();
        RunConfig expected = new RunConfig("fashion-highlr-ema-d32", fast.data(),
                new ModelConfig(m.latentDim(), m.generator(), new NetworkConfig(d.architecture(), List.of(32, 64),
                        d.activation(), d.batchNorm(), d.spectralNorm(), d.initStd())),
                new TrainConfig(7000, t.batchSize(), t.dStepsPerGStep(), t.seed(), t.g(), t.d(), t.loss(), t.penalty(),
                        t.augment(), t.instanceNoise(), t.ema()),
                fast.output(), fast.monitors());
        assertThat(load(CONFIGS.resolve("fashion-highlr-ema-d32.yaml"))).isEqualTo(expected);
    }

    @Test
    void smallDataConfigIsTheDefaultDcganOverAFolderWithDiffAugment() {
        RunConfig base = codeBuilt("folder-small-diffaugment", "fashion-1k", 3000);
        DataConfig data = new DataConfig(DataSource.FOLDER, "fashion-1k", 28, 1).withFolderOptions(
                DataConfig.Crop.CENTER, false, DataConfig.BLACK, DataConfig.BadFiles.SKIP, 40_000_000,
                DataConfig.Cache.DISK, 2);
        RunConfig expected = new RunConfig(base.name(), data, base.model(), base.train().withAlgorithm(
                base.train().loss(), PenaltyConfig.none(), List.of("color", "translation", "cutout"),
                base.train().instanceNoise()), base.output(), base.monitors());
        assertThat(load(CONFIGS.resolve("folder-small-diffaugment.yaml"))).isEqualTo(expected);
    }

    @Test
    void folderConfigIsTheTutorialDcganAt64RgbOverMyImages() {
        OptimizerConfig adam = new OptimizerConfig("adam", 2.0e-4, 0.5, 0.999);
        RunConfig expected = new RunConfig("folder-dcgan-64",
                new DataConfig(DataSource.FOLDER, "my-images", 64, 3, DataConfig.Crop.CENTER, true, DataConfig.WHITE,
                        DataConfig.BadFiles.SKIP, 40_000_000, DataConfig.Cache.NONE, 2),
                new ModelConfig(100,
                        new NetworkConfig("dcgan", List.of(512, 256, 128, 64), ActivationConfig.relu(), true, 0.02),
                        new NetworkConfig("dcgan", List.of(64, 128, 256, 512), LEAKY, true, 0.02)),
                new TrainConfig(3000, 64, 1, 42L, adam, adam),
                new OutputConfig("outputs", 50, 250, 500),
                Defaults.monitors());

        assertThat(load(CONFIGS.resolve("folder-dcgan-64.yaml"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("referenceConfigs")
    void referenceConfigSpellsOutEveryKeyTheSchemaHas(Path file) throws IOException {
        String resolved = ConfigLoader.toYaml(Defaults.run("x"));
        assertThat(keys(Files.readString(file)))
                .containsExactlyInAnyOrderElementsOf(keys(resolved).stream().filter(k -> !k.equals("name")).toList());
    }

    static Stream<Path> referenceConfigs() {
        return Stream.of(DEFAULT_CONFIG, FULL_DATA_CONFIG);
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
