package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The resolved config written into run directories must read back as the very same config. */
class ToYamlTest {

    private static RunConfig roundTrip(RunConfig config) {
        return ConfigLoader.parse(ConfigLoader.toYaml(config), "resolved.yaml", "other", List.of(), List.of());
    }

    @Test
    void writesEveryKeyInTheLoadersSchema() {
        assertThat(ConfigLoader.toYaml(Defaults.run("fashion-dcgan"))).isEqualTo("""
                # Resolved config: every key, defaults filled in.
                name: fashion-dcgan
                data:
                  source: idx
                  path: embedded:fashion-mnist-test
                  imageSize: 28
                  channels: 1
                  crop: center
                  flip: false
                  background: "#000000"
                  badFiles: skip
                  maxImagePixels: 40000000
                  cache: none
                  loaderThreads: 2
                model:
                  latentDim: 100
                  generator:
                    architecture: dcgan
                    widths:
                    - 128
                    - 64
                    activation: relu
                    batchNorm: true
                    spectralNorm: false
                    initStd: 0.02
                  discriminator:
                    architecture: dcgan
                    widths:
                    - 64
                    - 128
                    activation:
                      type: leakyrelu
                      alpha: 0.2
                    batchNorm: true
                    spectralNorm: false
                    initStd: 0.02
                  conditional: false
                  fakeClasses: uniform
                  auxClassifier: 0.0
                train:
                  iterations: 3000
                  batchSize: 64
                  dStepsPerGStep: 1
                  seed: 42
                  g:
                    type: adam
                    lr: 2.0E-4
                    beta1: 0.5
                    beta2: 0.999
                  d:
                    type: adam
                    lr: 2.0E-4
                    beta1: 0.5
                    beta2: 0.999
                  loss:
                    type: ns
                    realLabel: 1.0
                  penalty:
                    type: none
                  augment: []
                  instanceNoise:
                    sigma: 0.0
                    annealIterations: 1000
                  ema:
                    halfLifeImages: 0.0
                    rampUp: 0.05
                    standingStats: 0
                  distributed:
                    roundSteps: 10
                    partitions: 0
                  precision: float32
                output:
                  runsRoot: outputs
                  logEvery: 50
                  sampleEvery: 250
                  checkpointEvery: 1000
                  keepCheckpoints: 3
                  bestMetric: none
                  bestMode: min
                monitors:
                  every: 50
                  window: 5
                  chartEvery: 500
                  vanishingBelow: 1.0E-7
                  explodingAbove: 1000.0
                  alerts:
                    deadFraction: 0.3
                    deadRise: 0.1
                    dRealAbove: auto
                    dFakeBelow: auto
                    overpowerChecks: 3
                    gSignalBelow: 1.0E-4
                    fdRegression: 0.2
                    regressionEvals: 3
                    recallBelow: 0.02
                    coverageBelow: 0.02
                    rollbackLrFactor: 0.5
                    maxRollbacks: 2
                    policy:
                      dead-units: warn
                      dead-rising: warn
                      d-overpowering: warn
                      g-gradient-vanishing: warn
                      quality-regressed: warn
                      mode-collapse: warn
                eval:
                  every: 0
                  images: 5000
                """);
    }

    @Test
    void defaultsRoundTrip() {
        RunConfig config = Defaults.run("fashion-dcgan");
        assertThat(roundTrip(config)).isEqualTo(config);
    }

    @Test
    void everyValueChangedRoundTrips() {
        RunConfig config = new RunConfig("celeba-64",
                new DataConfig(DataSource.FOLDER, "/data/celeba 64", 64, 3, DataConfig.Crop.RANDOM, true, 0x102030,
                        DataConfig.BadFiles.FAIL, 1234, DataConfig.Cache.NONE, 7),
                new ModelConfig(128,
                        new NetworkConfig("mlp", List.of(512, 256, 128, 64), ActivationConfig.defaults(
                                ActivationType.SILU), false, 0.05),
                        new NetworkConfig("my-arch", List.of(1), new ActivationConfig(ActivationType.RRELU,
                                Double.NaN, 0.01, 0.7), false, 1.0)),
                new TrainConfig(1, 4096, 100, Long.MIN_VALUE, new OptimizerConfig("adam", 1e-7, 0.0, 0.9),
                        new OptimizerConfig("adam", 0.9999, 0.25, 1.0 / 3), new LossConfig(LossConfig.Type.LSGAN,
                        0.875), PenaltyConfig.none(), List.of("cutout", "color"), new InstanceNoiseConfig(0.25, 7), EmaConfig.off()),
                new OutputConfig("runs/x", 1, 2, 3, 9, "kid", "min"),
                new MonitorConfig(0, 1000, 1, 0.0, Double.MAX_VALUE, new AlertConfig(1.0, 0.0,
                        OptionalDouble.of(0.5), OptionalDouble.of(1.0 / 3), 1000,
                        Double.MIN_VALUE, 0.125, 7, 0.5, 1.0 / 3, 0.75, 9, Map.of("dead-units", "stop", "dead-rising",
                        "warn", "d-overpowering", "stop", "g-gradient-vanishing", "stop", "quality-regressed",
                        "rollback", "mode-collapse", "stop"))),
                new EvalConfig(77, 321));
        assertThat(roundTrip(config)).isEqualTo(config);
        RunConfig cached = new RunConfig("c", config.data().withFolderOptions(DataConfig.Crop.CENTER, false,
                DataConfig.WHITE, DataConfig.BadFiles.SKIP, 1, DataConfig.Cache.DISK, 1), config.model(),
                config.train(), config.output(), config.monitors(), config.eval());
        assertThat(roundTrip(cached)).isEqualTo(cached);
        assertThat(roundTrip(config).monitors().alerts().policy().keySet())
                .containsExactlyElementsOf(AlertConfig.RULES);
    }

    @ParameterizedTest
    @EnumSource(ActivationType.class)
    void everyActivationRoundTripsWithItsParameters(ActivationType type) {
        ActivationConfig activation = ActivationConfig.defaults(type);
        RunConfig config = new RunConfig("a", Defaults.data(), new ModelConfig(100, Defaults.generator(),
                new NetworkConfig("dcgan", List.of(8), activation, true, 0.02)), Defaults.train(),
                Defaults.output(), Defaults.monitors());
        assertThat(roundTrip(config).model().discriminator().activation()).isEqualTo(activation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "true", "yes", "null", "~", "1e3", "0x1F", "1_000", ".5", "on", "a: b", "#x", "it's \"quoted\"", "-x", "ü"})
    void namesThatLookLikeOtherYamlStayStrings(String name) {
        RunConfig config = Defaults.run(name);
        assertThat(roundTrip(config).name()).isEqualTo(name);
    }
}
