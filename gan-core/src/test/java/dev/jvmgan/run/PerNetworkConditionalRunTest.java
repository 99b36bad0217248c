package dev.jvmgan.run;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.RunConfig;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditioning one network alone ({@code model.generator.conditional}, {@code model.discriminator.conditional}): G
 * with labels and D without, and the other way round, each trains with the data's labels, takes them in the network
 * that is conditional only, and resumes bitwise.
 */
class PerNetworkConditionalRunTest {

    /** The resume test's tiny config, with G and D conditioned as given ({@code model.conditional} stays false). */
    static RunConfig config(Path images, Path runs, boolean g, boolean d) {
        RunConfig c = ResumeTest.config(images, runs, ActivationType.LEAKYRELU);
        ModelConfig m = c.model();
        return new RunConfig(c.name(), c.data(), new ModelConfig(m.latentDim(), m.generator().withConditional(g),
                m.discriminator().withConditional(d), false, ModelConfig.FakeClasses.UNIFORM), c.train(), c.output(),
                c.monitors());
    }

    /** Whether a network takes the labels: a built-in conditional dcgan is a graph with a second, labels input. */
    private static boolean takesLabels(Model network) {
        return network instanceof ComputationGraph graph && graph.getConfiguration().getNetworkInputs().size() == 2;
    }

    /** Trains straight and with a stop and resume; returns the resumed run's directory. */
    private static Path resumesBitwise(Path tmp, boolean g, boolean d) throws Exception {
        Path images = TinyRuns.labelledIdxImages(tmp, 16, 3, 31);
        Path straight = new TrainingRun(config(images, tmp.resolve("a"), g, d), false).run();
        Path resumed = ResumeTest.stopAndResume(config(images, tmp.resolve("b"), g, d));

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * ResumeTest.HALF), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * ResumeTest.HALF), true);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(((NeuralNetwork) actual.generator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.generator()).updaterState());
        assertThat(((NeuralNetwork) actual.discriminator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.discriminator()).updaterState());
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
        // The class stream is drawn and saved whichever network uses it.
        assertThat(RunClasses.names(actual.resumeState().get(RunClasses.STATE))).containsExactly("0", "1", "2");
        assertThat(takesLabels(actual.generator())).isEqualTo(g);
        assertThat(takesLabels(actual.discriminator())).isEqualTo(d);
        assertThat(ClassesFile.read(resumed)).hasValueSatisfying(c -> {
            assertThat(c.generator()).isEqualTo(g);
            assertThat(c.discriminator()).isEqualTo(d);
        });
        return resumed;
    }

    @Test
    void aConditionalGeneratorWithAnUnconditionalDiscriminatorTrainsAndResumesBitwise(@TempDir Path tmp)
            throws Exception {
        Path run = resumesBitwise(tmp, true, false);
        assertThat(Checkpoint.read(Checkpoints.resolve(run), false).generatorClassNames())
                .containsExactly("0", "1", "2");
        assertThat(Sampling.open(run).classes().count()).isEqualTo(3);
    }

    @Test
    void anUnconditionalGeneratorWithAConditionalDiscriminatorTrainsAndResumesBitwise(@TempDir Path tmp)
            throws Exception {
        Path run = resumesBitwise(tmp, false, true);
        // Only D took the labels: the generator has no classes to sample by, though the run has them.
        Checkpoint last = Checkpoint.read(Checkpoints.resolve(run), false);
        assertThat(last.classNames()).containsExactly("0", "1", "2");
        assertThat(last.generatorClassNames()).isEmpty();
        assertThat(Sampling.open(run).classes().conditional()).isFalse();
    }
}
