package dev.jvmgan.run;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ConfigException;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.PenaltyConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A class-conditional run end to end: labels from the data, a bitwise resume, and the refusal of unlabelled data. */
class ConditionalRunTest {

    /** {@link TinyRuns#labelledIdxImages}. */
    static Path labelledImages(Path dir, int count, int classes, long seed) throws IOException {
        return TinyRuns.labelledIdxImages(dir, count, classes, seed);
    }

    static RunConfig conditional(RunConfig config, ModelConfig.FakeClasses draws) {
        ModelConfig m = config.model();
        return new RunConfig(config.name(), config.data(), new ModelConfig(m.latentDim(), m.generator(),
                m.discriminator(), true, draws), config.train(), config.output(), config.monitors());
    }

    @Test
    void aConditionalRunResumesBitwise(@TempDir Path tmp) throws Exception {
        Path images = labelledImages(tmp, 16, 3, 21);
        Path straight = new TrainingRun(conditional(ResumeTest.config(images, tmp.resolve("a"),
                ActivationType.LEAKYRELU), ModelConfig.FakeClasses.DATA), false).run();
        Path resumed = ResumeTest.stopAndResume(conditional(ResumeTest.config(images, tmp.resolve("b"),
                ActivationType.LEAKYRELU), ModelConfig.FakeClasses.DATA));

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * ResumeTest.HALF), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * ResumeTest.HALF), true);
        assertThat(actual.generator()).isInstanceOf(ComputationGraph.class);
        assertThat(((ComputationGraph) actual.generator()).getConfiguration().getNetworkInputs()).hasSize(2);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(((NeuralNetwork) actual.discriminator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.discriminator()).updaterState());
        assertThat(actual.resumeState()).containsKey(RunClasses.STATE);
        assertThat(RunClasses.names(actual.resumeState().get(RunClasses.STATE))).containsExactly("0", "1", "2");
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
    }

    static RunConfig withAuxiliaryClassifier(RunConfig config, PenaltyConfig penalty) {
        ModelConfig m = config.model();
        TrainConfig t = config.train();
        return new RunConfig(config.name(), config.data(), new ModelConfig(m.latentDim(), m.generator(),
                m.discriminator(), true, ModelConfig.FakeClasses.UNIFORM, 1.0), t.withAlgorithm(t.loss(), penalty,
                t.augment(), t.instanceNoise()), config.output(), config.monitors());
    }

    /**
     * ACGAN's auxiliary classifier on the projection D: the run trains D's class layer (and, with R1, the penalty
     * judges the adversarial output alone), stops and resumes bitwise, and trains differently from the same run
     * without it.
     */
    @Test
    void anAuxiliaryClassifierRunTrainsItsClassLayerAndResumesBitwise(@TempDir Path tmp) throws Exception {
        Path images = labelledImages(tmp, 16, 3, 21);
        for (PenaltyConfig penalty : List.of(PenaltyConfig.none(), PenaltyConfig.r1(1.0, 2))) {
            String p = penalty.type().name();
            RunConfig a = withAuxiliaryClassifier(ResumeTest.config(images, tmp.resolve(p + "a"),
                    ActivationType.LEAKYRELU), penalty);
            Path straight = new TrainingRun(a, false).run();
            Path resumed = ResumeTest.stopAndResume(withAuxiliaryClassifier(ResumeTest.config(images,
                    tmp.resolve(p + "b"), ActivationType.LEAKYRELU), penalty));
            Path plain = new TrainingRun(conditional(ResumeTest.config(images, tmp.resolve(p + "c"),
                    ActivationType.LEAKYRELU), ModelConfig.FakeClasses.UNIFORM), false).run();

            int last = 2 * ResumeTest.HALF;
            Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, last), true);
            Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, last), true);
            Checkpoint without = Checkpoint.read(Checkpoints.file(plain, last), true);
            ComputationGraph d = (ComputationGraph) actual.discriminator();
            // D's features after two stride-2 convs of 4 and 8 channels on 8x8 images: 8 x 2 x 2, to 3 classes.
            assertThat(d.getLayer("classes").getParam("W").shape()).as(p).containsExactly(8 * 2 * 2, 3);
            ComputationGraph before = (ComputationGraph) Checkpoint.read(Checkpoints.file(resumed, last - 1), true)
                    .discriminator();
            assertThat(d.getLayer("classes").getParam("W")).as(p + ": the class layer learns")
                    .isNotEqualTo(before.getLayer("classes").getParam("W"));
            assertThat(actual.generator().params()).as(p).isEqualTo(expected.generator().params());
            assertThat(actual.discriminator().params()).as(p).isEqualTo(expected.discriminator().params());
            assertThat(((NeuralNetwork) actual.discriminator()).updaterState()).as(p)
                    .isEqualTo(((NeuralNetwork) expected.discriminator()).updaterState());
            assertThat(actual.generator().params()).as(p + ": the class term changes what G learns")
                    .isNotEqualTo(without.generator().params());
            // metrics.jsonl has D's class accuracy on both batches with the classifier, and none without it.
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<com.fasterxml.jackson.databind.JsonNode> train = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(straight.resolve("metrics.jsonl"))) {
                com.fasterxml.jackson.databind.JsonNode record = json.readTree(line);
                if ("train".equals(record.path("type").asText())) {
                    train.add(record);
                }
            }
            assertThat(train).as(p).isNotEmpty().allSatisfy(r -> {
                assertThat(r.path("classAccuracyReal").asDouble(-1)).isBetween(0.0, 1.0);
                assertThat(r.path("classAccuracyFake").asDouble(-1)).isBetween(0.0, 1.0);
            });
            assertThat(Files.readString(plain.resolve("metrics.jsonl"))).as(p).doesNotContain("classAccuracy");
        }
    }

    @Test
    void conditioningOnAFolderWithoutClassSubfoldersIsAConfigErrorWithItsLine(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("pictures"));
        Path yaml = tmp.resolve("c.yaml");
        Files.writeString(yaml, """
                data:
                  source: folder
                  path: %s
                model:
                  conditional: true
                """.formatted(folder));
        assertThatThrownBy(() -> ConfigLoader.load(yaml, List.of(), List.of(new DataRule())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml:5: model.conditional: true needs class labels, but data.path '"
                        + folder + "' has no class subfolders");
    }

    @Test
    void conditioningOneNetworkOnUnlabelledDataIsTheSameErrorNamingItsKey(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("pictures"));
        Path yaml = tmp.resolve("c.yaml");
        Files.writeString(yaml, """
                data:
                  source: folder
                  path: %s
                model:
                  discriminator:
                    conditional: true
                """.formatted(folder));
        assertThatThrownBy(() -> ConfigLoader.load(yaml, List.of(), List.of(new DataRule())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml:6: model.discriminator.conditional: true needs class labels, but "
                        + "data.path '" + folder + "' has no class subfolders")
                .hasMessageContaining("or set model.discriminator.conditional: false");
    }

    @Test
    void conditioningOnIdxImagesWithoutALabelsFileIsAConfigError(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 4, 1);
        Path yaml = tmp.resolve("c.yaml");
        Files.writeString(yaml, "data: {path: " + images + "}\nmodel: {conditional: true}\n");
        assertThatThrownBy(() -> ConfigLoader.load(yaml, List.of(), List.of(new DataRule())))
                .hasMessageContaining("model.conditional: true needs class labels")
                .hasMessageContaining("has no labels file beside it");
        // The same images with their labels file pass.
        labelledImages(tmp, 4, 2, 1);
        assertThat(ConfigLoader.load(yaml, List.of(), List.of(new DataRule())).model().conditional()).isTrue();
    }
}
