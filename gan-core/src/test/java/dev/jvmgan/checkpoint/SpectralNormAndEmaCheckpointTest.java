package dev.jvmgan.checkpoint;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.ema.EmaSchedule;
import dev.jvmgan.ema.GeneratorAverage;
import dev.jvmgan.spectral.SpectralNormState;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dev.jvmgan.checkpoint.CheckpointTest.residualGraph;
import static dev.jvmgan.checkpoint.CheckpointTest.step;
import static dev.jvmgan.checkpoint.CheckpointTest.tiny;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a checkpoint keeps of spectral normalisation (W_orig in the model, u and v beside it) and of the generator's
 * moving average, and that the generator read back for images draws exactly what the saved one drew.
 */
class SpectralNormAndEmaCheckpointTest {
    private static final Checkpoint.State STATE = new Checkpoint.State(2, 8, "test");

    static Map<String, SpectralNormState> states(TrainableNetwork net) {
        Map<String, SpectralNormState> states = new LinkedHashMap<>();
        net.spectralNorms().forEach((layer, norm) -> states.put(layer, norm.state()));
        return states;
    }

    static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void wOrigUAndVRoundTripAndAResumedDiscriminatorContinuesBitwise(@TempDir Path tmp) throws IOException {
        Nd4j.getRandom().setSeed(31);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3);
        TrainableNetwork d = TrainableNetworks.of(residualGraph(3), Set.of("fc1", "logit"), 4);
        step(d, x);
        step(d, x);
        Path file = tmp.resolve("c.zip");
        Checkpoint.of(TrainableNetworks.of(tiny(1)), d, Optional.empty(), STATE, "name: x\n", Map.of()).write(file);

        Checkpoint read = Checkpoint.read(file, true);
        assertThat(read.spectralNorm().keySet()).containsExactly(Checkpoint.DISCRIMINATOR_NETWORK);
        assertThat(read.spectralNorm(Checkpoint.DISCRIMINATOR_NETWORK)).isEqualTo(states(d))
                .containsOnlyKeys("fc1", "logit");
        assertThat(read.discriminator().params()).as("W_orig, the weight the optimiser updates").isEqualTo(d.params());

        TrainableNetwork resumed = TrainableNetworks.of(read.discriminator(), Set.of("fc1", "logit"), 99);
        assertThat(read.restoreSpectralNorm(Checkpoint.DISCRIMINATOR_NETWORK, resumed)).isEmpty();
        assertThat(resumed.output(x)).as("the same W_orig / sigma").isEqualTo(d.output(x));
        step(d, x);
        step(resumed, x);
        assertThat(resumed.params()).isEqualTo(d.params());
        assertThat(((NeuralNetwork) resumed.model()).updaterState())
                .isEqualTo(((NeuralNetwork) d.model()).updaterState());
        assertThat(states(resumed)).isEqualTo(states(d));
    }

    @Test
    void aLayerNormalisedOnlySinceTheCheckpointIsReportedAndStartsAfresh(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("c.zip");
        TrainableNetwork d = TrainableNetworks.of(residualGraph(3), Set.of("fc1"), 4);
        Checkpoint.of(TrainableNetworks.of(tiny(1)), d, Optional.empty(), STATE, "name: x\n", Map.of()).write(file);
        Checkpoint read = Checkpoint.read(file, true);
        TrainableNetwork more = TrainableNetworks.of(read.discriminator(), Set.of("fc1", "logit"), 4);
        assertThat(read.restoreSpectralNorm(Checkpoint.DISCRIMINATOR_NETWORK, more)).containsExactly("logit");
        assertThat(states(more).get("fc1")).isEqualTo(states(d).get("fc1"));
    }

    @Test
    void theGeneratorForImagesIsTheAverageWhenThereIsOneAndDrawsWhatTheSavedOneDrew(@TempDir Path tmp)
            throws IOException {
        Nd4j.getRandom().setSeed(32);
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 3);
        TrainableNetwork g = TrainableNetworks.of(tiny(5), Set.of("layer0"), 6);
        GeneratorAverage ema = GeneratorAverage.startingFrom(g, EmaSchedule.withoutRampUp(4));
        for (int i = 0; i < 3; i++) {
            g.forward(z);
            g.backward(Nd4j.ones(DataType.FLOAT, 2, 2).muli(0.5));
            g.applyUpdate();
            ema.update(g, 2, 2L * i);
        }
        assertThat(ema.network().output(z)).isNotEqualTo(g.output(z));
        Path file = tmp.resolve("c.zip");
        Checkpoint.of(g, TrainableNetworks.of(tiny(2)), Optional.of(ema.network()), STATE, "name: x\n", Map.of())
                .write(file);
        assertThat(entries(file)).contains("generator-ema.zip", "spectral-norm.json");

        Checkpoint read = Checkpoint.read(file, false);
        Checkpoint.SampledGenerator average = read.generator(true);
        assertThat(average.ema()).isTrue();
        assertThat(average.network().output(z)).isEqualTo(ema.network().output(z));
        assertThat(read.generatorEma().orElseThrow().params()).as("the checkpoint's own model keeps W_orig")
                .isEqualTo(ema.network().params());
        assertThat(read.spectralNorm(Checkpoint.GENERATOR_EMA_NETWORK))
                .as("the average's u and v are G's, copied at each update").isEqualTo(states(g));
        Checkpoint.SampledGenerator raw = read.generator(false);
        assertThat(raw.ema()).isFalse();
        assertThat(raw.network().output(z)).isEqualTo(g.output(z));
    }

    @Test
    void aCheckpointWithoutAnAverageGivesGForImagesAndHasNoExtraEntries(@TempDir Path tmp) throws IOException {
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 3);
        TrainableNetwork g = TrainableNetworks.of(tiny(5));
        Path file = tmp.resolve("c.zip");
        Checkpoint.of(g, TrainableNetworks.of(tiny(2)), Optional.empty(), STATE, "name: x\n", Map.of()).write(file);

        assertThat(entries(file)).containsExactlyInAnyOrder("state.json", "config.yaml", "generator.zip",
                "discriminator.zip");
        Checkpoint read = Checkpoint.read(file, false);
        assertThat(read.generatorEma()).isEmpty();
        assertThat(read.spectralNorm()).isEmpty();
        Checkpoint.SampledGenerator chosen = read.generator(true);
        assertThat(chosen.ema()).isFalse();
        assertThat(chosen.network().output(z)).isEqualTo(g.output(z));
    }
}
