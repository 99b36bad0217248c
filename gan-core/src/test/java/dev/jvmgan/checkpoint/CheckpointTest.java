package dev.jvmgan.checkpoint;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.convolution.OneDnnConvolutions;
import dev.jvmgan.config.Precision;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CheckpointTest {

    static MultiLayerNetwork tiny(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.IDENTITY).build()).build());
        net.init();
        return net;
    }

    static Checkpoint checkpoint(long iteration) {
        return new Checkpoint(tiny(1), tiny(2), new Checkpoint.State(iteration, iteration * 64, "test"),
                "name: x\n");
    }

    @Test
    void roundTripsNetworksStateAndConfig(@TempDir Path tmp) throws IOException {
        Checkpoint original = checkpoint(10);
        Path file = Checkpoints.file(tmp, 10);
        original.write(file);

        Checkpoint read = Checkpoint.read(file, true);
        assertThat(read.state()).isEqualTo(original.state());
        assertThat(read.configYaml()).isEqualTo("name: x\n");
        assertThat(read.generator().params()).isEqualTo(original.generator().params());
        assertThat(read.discriminator().params()).isEqualTo(original.discriminator().params());
        assertThat(file.getFileName().toString()).isEqualTo("iter-0000010.zip");
    }

    @Test
    void theGeneratorForImagesHasItsConvolutionsOnTheFloat32Primitives(@TempDir Path tmp) throws IOException {
        assumeTrue(OneDnnConvolutions.unavailable(Precision.FLOAT32).isEmpty(),
                () -> OneDnnConvolutions.unavailable(Precision.FLOAT32).orElse(""));
        MultiLayerNetwork g = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).activation(Activation.IDENTITY)
                        .build())
                .layer(new Deconvolution2D.Builder().kernelSize(4, 4).stride(2, 2).padding(1, 1).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .setInputType(InputType.convolutional(4, 4, 2)).build());
        g.init();
        Path file = tmp.resolve("c.zip");
        new Checkpoint(g, tiny(2), new Checkpoint.State(1, 8, "test"), "name: x\n").write(file);

        Checkpoint.SampledGenerator read = Checkpoint.read(file, false).generator(false);
        MultiLayerNetwork drawn = (MultiLayerNetwork) read.network().model();
        assertThat(OneDnnConvolutions.switched(drawn.getLayer(0))).isTrue();
        assertThat(OneDnnConvolutions.switched(drawn.getLayer(1))).isTrue();
        assertThat(OneDnnConvolutions.switched(g.getLayer(0))).as("the original keeps DL4J's").isFalse();
        INDArray z = Nd4j.rand(DataType.FLOAT, 3, 2, 4, 4);
        INDArray expected = g.output(z);
        INDArray actual = read.network().output(z);
        assertThat(actual.shape()).isEqualTo(new long[] {3, 1, 8, 8});
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    /** A residual graph: x -> fc1 -> act1 -> add(act1, x) -> logit. */
    static ComputationGraph residualGraph(long seed) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder()
                .addInputs("x")
                .addLayer("fc1", new DenseLayer.Builder().nIn(3).nOut(3).activation(Activation.IDENTITY).build(), "x")
                .addLayer("act1", new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build(), "fc1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "act1", "x")
                .addLayer("logit", new DenseLayer.Builder().nIn(3).nOut(1).activation(Activation.IDENTITY).build(),
                        "add")
                .setOutputs("logit").build());
        graph.init();
        return graph;
    }

    static void step(TrainableNetwork net, INDArray input) {
        net.forward(input);
        net.backward(Nd4j.ones(DataType.DOUBLE, input.size(0), 1).muli(0.1));
        net.applyUpdate();
    }

    @Test
    void roundTripsAGraphDiscriminatorWithItsAdamState(@TempDir Path tmp) throws IOException {
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3);
        TrainableNetwork d = TrainableNetworks.of(residualGraph(3));
        step(d, x);
        step(d, x);
        Path file = tmp.resolve("c.zip");
        new Checkpoint(tiny(1), d.model(), new Checkpoint.State(2, 8, "test"), "name: x\n").write(file);

        Checkpoint read = Checkpoint.read(file, true);
        assertThat(read.generator()).isInstanceOf(MultiLayerNetwork.class);
        assertThat(read.discriminator().getClass()).isEqualTo(ComputationGraph.class);
        ComputationGraph restored = (ComputationGraph) read.discriminator();
        assertThat(restored.getConfiguration().getVertices().keySet()).containsExactly("fc1", "act1", "add", "logit");
        assertThat(restored.params()).isEqualTo(d.params());
        INDArray adamState = ((NeuralNetwork) d.model()).updaterState();
        assertThat(adamState.amaxNumber().doubleValue()).isPositive();
        assertThat(restored.updaterState()).isEqualTo(adamState);
        assertThat(restored.getIterationCount()).isEqualTo(2);

        TrainableNetwork resumed = TrainableNetworks.of(restored);
        step(d, x);
        step(resumed, x);
        assertThat(resumed.params()).as("resumed training continues bit for bit").isEqualTo(d.params());
    }

    @Test
    void replacingLeavesNoTemporaryFiles(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("c.zip");
        checkpoint(1).write(file);
        checkpoint(2).write(file);
        assertThat(Checkpoint.read(file, false).state().iteration()).isEqualTo(2);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFile(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("c.zip");
        checkpoint(1).write(file);
        Checkpoint broken = new Checkpoint(tiny(1), tiny(2), new Checkpoint.State(2, 2, "test"), null);
        assertThatThrownBy(() -> broken.write(file)).isInstanceOf(NullPointerException.class);
        assertThat(Checkpoint.read(file, false).state().iteration()).isEqualTo(1);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void notACheckpointIsAClearError(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.zip"), "hello");
        assertThatThrownBy(() -> Checkpoint.read(text, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("notes.zip");
    }

    @Test
    void latestPicksTheHighestIteration(@TempDir Path tmp) throws IOException {
        assertThat(Checkpoints.latest(tmp)).isEmpty();
        for (long i : new long[]{1000, 20000, 3000}) {
            Files.createDirectories(Checkpoints.file(tmp, i).getParent());
            Files.writeString(Checkpoints.file(tmp, i), "x");
        }
        assertThat(Checkpoints.latest(tmp)).contains(Checkpoints.file(tmp, 20000));
        assertThat(Checkpoints.resolve(tmp)).isEqualTo(Checkpoints.file(tmp, 20000));
        assertThatThrownBy(() -> Checkpoints.resolve(tmp.resolve("missing")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFullDiskMidWriteLeavesThePreviousFileAndNoTemporaryFile(@TempDir Path tmp) throws IOException {
        Path file = Checkpoints.file(tmp, 10);
        checkpoint(10).write(file);
        byte[] before = Files.readAllBytes(file);
        Checkpoint newer = new Checkpoint(tiny(3), tiny(4), new Checkpoint.State(10, 640, "test"), "name: y\n",
                java.util.Map.of("data", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()));

        // The file system accepts 2 kB, then fails the way write(2) does on a full disk.
        assertThatThrownBy(() -> newer.write(file, target -> new java.io.FilterOutputStream(Files.newOutputStream(target)) {
            long written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 2048) {
                    throw new IOException("No space left on device");
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void resumeStateRoundTrips(@TempDir Path tmp) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var state = java.util.Map.<String, com.fasterxml.jackson.databind.JsonNode>of(
                "data", json.readTree("{\"epoch\":3,\"position\":64}"),
                "latents", json.readTree("{\"root\":\"-9223372036854775807\",\"node\":\"12\"}"));
        Path file = Checkpoints.file(tmp, 7);
        new Checkpoint(tiny(1), tiny(2), new Checkpoint.State(7, 7, "test"), "name: x\n", state).write(file);

        assertThat(Checkpoint.read(file, false).resumeState()).isEqualTo(state);
        assertThat(checkpoint(1).resumeState()).isEmpty();
    }

    @Test
    void pruneKeepsTheNewestAndLeftoversAreFound(@TempDir Path tmp) throws IOException {
        for (long i : new long[]{2, 4, 6, 8}) {
            Files.createDirectories(Checkpoints.file(tmp, i).getParent());
            Files.writeString(Checkpoints.file(tmp, i), "x" + i);
        }
        Checkpoints.markBest(tmp, Checkpoints.file(tmp, 2));
        Path leftover = Files.writeString(tmp.resolve("checkpoints/.iter-0000010.zip99.tmp"), "torn");

        assertThat(Checkpoints.prune(tmp, 2)).containsExactly(Checkpoints.file(tmp, 2), Checkpoints.file(tmp, 4));
        assertThat(Checkpoints.list(tmp)).containsExactly(Checkpoints.file(tmp, 6), Checkpoints.file(tmp, 8));
        assertThat(Checkpoints.best(tmp)).hasContent("x2");
        assertThat(Checkpoints.deleteLeftovers(tmp)).containsExactly(leftover);
        assertThat(leftover).doesNotExist();
    }
}
