package dev.jvmgan.run;

import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.train.LegacyLoop;
import dev.jvmgan.train.Latents;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of the default config (with its DCGAN networks, batch norm in both, the data order, latents and seeds of a
 * {@link TrainingRun}) ends with bitwise the parameters of the loop as it was before it became phases
 * ({@link LegacyLoop}), with the monitors off and with them inspecting every other iteration, which must not touch
 * the training either.
 */
class DefaultRunIsTheOldLoopTest {
    private static final int ITERATIONS = 6;

    @ParameterizedTest(name = "monitors.every {0}")
    @ValueSource(ints = {0, 2})
    void theDefaultRunTrainsAsTheOldLoop(int monitorsEvery, @TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 21);
        RunConfig tiny = TinyRuns.config(images, tmp.resolve("runs"), ITERATIONS);
        MonitorConfig m = tiny.monitors();
        RunConfig config = new RunConfig(tiny.name(), tiny.data(), tiny.model(), tiny.train(), tiny.output(),
                new MonitorConfig(monitorsEvery, m.window(), m.chartEvery(), m.vanishingBelow(), m.explodingAbove(),
                        m.alerts()));

        Path runDir = new TrainingRun(config, false).run();
        Checkpoint phases = Checkpoint.read(Checkpoints.file(runDir, ITERATIONS), true);

        Model[] legacy = legacyRun(config);
        assertThat(phases.generator().params()).isEqualTo(legacy[0].params());
        assertThat(phases.discriminator().params()).isEqualTo(legacy[1].params());
    }

    /** The old loop set up as {@link TrainingRun} sets up a fresh run. */
    private static Model[] legacyRun(RunConfig config) throws Exception {
        NativeBackend.initialise();
        ImageShape shape = new ImageShape(config.data().channels(), config.data().imageSize());
        Seeds seeds = Seeds.of(config.train().seed());
        Nd4j.getRandom().setSeed(seeds.global());
        Model g = NetworkFactory.create(NetworkRole.GENERATOR, config.model(), config.train().g(), shape,
                seeds.generator(), DataType.FLOAT);
        Model d = NetworkFactory.create(NetworkRole.DISCRIMINATOR, config.model(), config.train().d(), shape,
                seeds.discriminator(), DataType.FLOAT);
        try (BatchSource batches = TrainingData.open(config.data()).batches(config.train().batchSize(),
                seeds.dataOrder())) {
            new LegacyLoop(new ImageGeneratorNetwork(TrainableNetworks.of(g), shape), TrainableNetworks.of(d),
                    config.train().dStepsPerGStep(), config.train().batchSize(), batches::next,
                    new Latents(config.model().latentDim(), seeds.latents(), DataType.FLOAT)).run(ITERATIONS);
        }
        return new Model[]{g, d};
    }
}
