package dev.jvmgan.backend;

import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gan-examples' graph discriminators, {@code resnet-small} (residual adds, batch norm) and the class-conditional
 * {@code resnet-projection} (a ProjectionVertex), each with the config's {@code upsample-conv} G, train bitwise the same
 * with D's activations in the graph arena as with DL4J's own graph passes: D's outputs, dLoss/dInput of both D passes
 * and of G's, D's pending gradients and both networks' parameters after each of three iterations. (In this package
 * because the switch between the two is package-private; gan-core's GraphArenaPassesTest covers the other graphs.)
 */
class ExampleGraphsArenaTest {
    private static final Path CONFIGS = Path.of("..", "configs");
    private static final int BATCH = 4;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fashion-resnet-custom.yaml, 0", "fashion-projection-custom.yaml, 10"})
    void theExampleDiscriminatorTrainsBitwiseAsWithDl4jsPasses(String file, int classes) {
        RunConfig config = ConfigLoader.load(CONFIGS.resolve(file), List.of("model.generator.widths=[8,4]",
                "model.discriminator.params.channels=4", "model.discriminator.params.blocks=2"),
                List.of(NetworkFactory.rule()));
        ImageShape image = new ImageShape(1, 28);
        Model d = NetworkFactory.create(NetworkRole.DISCRIMINATOR, config.model(), config.train().d(), image, 2,
                DataType.FLOAT, classes);
        assertThat(d).isInstanceOf(ComputationGraph.class);
        GraphPasses withArena = new GraphPasses((ComputationGraph) d, classes == 0 ? 1 : 2, true);
        assertThat(withArena.usesArena()).isTrue();
        List<INDArray> arena = train(config, image, classes, withArena);
        List<INDArray> dl4j = train(config, image, classes, new GraphPasses((ComputationGraph) d,
                classes == 0 ? 1 : 2, false));

        assertThat(arena).hasSameSizeAs(dl4j);
        for (int i = 0; i < arena.size(); i++) {
            assertThat(arena.get(i).shape()).isEqualTo(dl4j.get(i).shape());
            assertThat(Arrays.equals(arena.get(i).data().asBytes(), dl4j.get(i).data().asBytes()))
                    .as("record %d bitwise equal (max difference %s)", i,
                            arena.get(i).sub(dl4j.get(i)).amaxNumber())
                    .isTrue();
        }
    }

    /** Three GAN iterations; returns copies of what the loop reads, in order. */
    private static List<INDArray> train(RunConfig config, ImageShape image, int classes, GraphPasses dPasses) {
        TrainableNetwork g = TrainableNetworks.of(NetworkFactory.create(NetworkRole.GENERATOR, config.model(),
                config.train().g(), image, 1, DataType.FLOAT, classes), Set.of(), 0, classes);
        TrainableNetwork d = new Dl4jTrainable(dPasses, null,
                classes == 0 ? ClassInput.none() : ClassInput.secondInput(classes));
        int[] labels = classes == 0 ? null : new int[] {0, 9, 3, 3};
        Nd4j.getRandom().setSeed(11);
        INDArray real = Transforms.tanh(Nd4j.randn(DataType.FLOAT, BATCH, 1, 28, 28), false);
        List<INDArray> seen = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            Nd4j.getRandom().setSeed(20 + step);
            INDArray z = Nd4j.randn(DataType.FLOAT, BATCH, config.model().latentDim());
            INDArray fake = g.forward(z, labels).reshape(BATCH, 1, 28, 28);
            INDArray realLogits = d.forward(real, labels);
            seen.add(realLogits.dup());
            d.layerInputs().values().forEach(x -> seen.add(x.dup()));
            seen.add(d.backward(Transforms.sigmoid(realLogits, true).subi(1)));
            INDArray fakeLogits = d.forward(fake, labels);
            seen.add(fakeLogits.dup());
            seen.add(d.backward(Transforms.sigmoid(fakeLogits, true)));
            d.pendingGradients().values().forEach(seen::add);
            d.applyUpdate();
            seen.add(d.params().dup());

            INDArray again = g.forward(z, labels);
            INDArray logits = d.forward(again.reshape(BATCH, 1, 28, 28), labels);
            INDArray epsilon = d.inputGradient(Transforms.sigmoid(logits, true).subi(1));
            seen.add(epsilon.dup());
            seen.add(g.backward(epsilon.reshape(again.shape())));
            g.applyUpdate();
            seen.add(g.params().dup());
        }
        return seen;
    }
}
