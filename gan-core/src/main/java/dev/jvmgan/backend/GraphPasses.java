package dev.jvmgan.backend;

import dev.jvmgan.fastops.Wanted;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The passes of a {@link ComputationGraph} with one input (or a class-conditional graph's two) and one output that is not an OutputLayer or LossLayer.
 * Residual connections, merges and any other vertex are fine.
 *
 * <p>Training passes: {@link GraphArenaPasses} drives the vertices as DL4J's own passes do, bitwise, but keeps their
 * outputs in a workspace of this graph's own that the next forward pass reuses, instead of fresh memory every pass,
 * and reads dLoss/dInput from the input vertex's epsilon, which DL4J sums over every vertex the input feeds. Where it
 * cannot ({@link GraphArenaPasses#unsupported}, said once in the log, or an ND4J backend that cannot hold the arena),
 * DL4J's own passes run instead, without workspaces. Either way the arrays a forward pass returns are valid until
 * the next forward pass of this graph.
 *
 * <p>How the fallback gets dLoss/dInput: DL4J M2.1 has no public call that returns it for a graph, so the seam trains
 * a copy of the given graph, an {@link InputGradientGraph}, which runs DL4J's own backward pass without clearing the
 * vertices and reads the input vertex's epsilon (see there). The alternative, an identity layer of ours inserted at
 * the input that keeps its epsilon, would put a custom layer class into every saved model and shift the user's
 * graph by one vertex; the subclass keeps the graph exactly as given (names, vertices, saved JSON). The price: it
 * relies on a protected DL4J method (checked at compile time against the pinned version).
 *
 * <p>The given graph is copied (parameters by name, updater state, iteration count) and left as it was:
 * {@link #model()} is the network that trains, saves and samples.
 */
final class GraphPasses implements NetworkPasses {
    private static final Logger log = LoggerFactory.getLogger(GraphPasses.class);
    private final InputGradientGraph graph;
    /** Null where DL4J's own passes run. */
    private GraphArenaPasses arena;
    private final String outputName;
    /** Layer vertices in topological order, each with the vertex that feeds it. */
    private final Map<String, String> layerInputVertex = new LinkedHashMap<>();
    private Map<String, INDArray> activations = Map.of();

    /**
     * @param inputCount the inputs the seam feeds: 1, or 2 for a class-conditional graph (main input, labels)
     * @throws IllegalArgumentException unless the graph is initialised, has {@code inputCount} inputs and one
     *                                  non-loss output
     */
    GraphPasses(ComputationGraph source, int inputCount) {
        this(source, inputCount, true);
    }

    /** @param useArena false for DL4J's own passes (the reference the arena is tested against) */
    GraphPasses(ComputationGraph source, int inputCount, boolean useArena) {
        if (source.getVertices() == null) {
            throw new IllegalArgumentException("the ComputationGraph is not initialised: call init() before wrapping it");
        }
        List<String> inputs = source.getConfiguration().getNetworkInputs();
        List<String> outputs = source.getConfiguration().getNetworkOutputs();
        if (inputs.size() != inputCount || outputs.size() != 1) {
            throw new IllegalArgumentException("a ComputationGraph behind the training seam needs exactly "
                    + (inputCount == 1 ? "one input" : "two inputs (the main input, then the one-hot class labels)")
                    + " and one output; this one has inputs " + inputs + " and outputs " + outputs
                    + (inputs.size() == 2 && inputCount == 1 ? " (is model.conditional off?)" : ""));
        }
        String output = outputs.get(0);
        GraphVertex outputVertex = source.getVertex(output);
        if (outputVertex.hasLayer() && outputVertex.getLayer() instanceof IOutputLayer) {
            throw new IllegalArgumentException("a network behind the training seam must not end in an OutputLayer or "
                    + "LossLayer (the loop computes the loss); output vertex '" + output + "' is "
                    + outputVertex.getLayer().getClass().getSimpleName());
        }
        this.graph = source instanceof InputGradientGraph ready ? ready : InputGradientGraph.copyOf(source);
        this.outputName = output;
        Map<String, List<String>> vertexInputs = graph.getConfiguration().getVertexInputs();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[index];
            if (vertex.hasLayer()) {
                layerInputVertex.put(vertex.getVertexName(), vertexInputs.get(vertex.getVertexName()).get(0));
            }
        }
        if (useArena) {
            var unsupported = GraphArenaPasses.unsupported(graph);
            unsupported.ifPresent(why -> log.info("activation arena off for this ComputationGraph, using DL4J's own "
                    + "passes (slower): {}", why));
            arena = unsupported.isPresent() ? null : new GraphArenaPasses(graph);
        }
    }

    /** Whether the training passes keep their activations in an arena (false: DL4J's own passes). */
    boolean usesArena() {
        return arena != null;
    }

    /** The graph that trains: a copy of the one given to the constructor. */
    @Override
    public Model model() {
        return graph;
    }

    @Override
    public Layer[] layers() {
        return graph.getLayers();
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        if (arena != null) {
            try {
                activations = arena.forward(inputs);
                return activations.get(outputName);
            } catch (UnsupportedOperationException noArena) {
                log.warn("activation arena unavailable, using DL4J's own passes (slower): {}", noArena.getMessage());
                arena = null;
            }
        }
        // clearInputs=false keeps each vertex's inputs for backward; the map holds every vertex's output.
        activations = graph.feedForward(inputs, true, false);
        return activations.get(outputName);
    }

    @Override
    public INDArray output(INDArray[] inputs) {
        return graph.output(false, inputs)[0];
    }

    @Override
    public Pair<Gradient, INDArray> backward(INDArray lossGradient, Wanted wanted) {
        if (arena != null) {
            return arena.backward(lossGradient, wanted);
        }
        INDArray inputGradient = graph.backpropToInput(lossGradient);
        return new Pair<>(graph.gradient(), inputGradient);
    }

    @Override
    public Map<String, INDArray> layerInputs() {
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        if (!activations.isEmpty()) {
            layerInputVertex.forEach((layer, inputVertex) -> inputs.put(layer, activations.get(inputVertex)));
        }
        return inputs;
    }

    @Override
    public Optional<Map.Entry<String, INDArray>> lastOutput() {
        INDArray output = activations.get(outputName);
        return output == null ? Optional.empty()
                : Optional.of(new AbstractMap.SimpleImmutableEntry<>(outputName, output));
    }

    /** DL4J's {@code "conv1_W"} becomes {@code "conv1/W"}; vertex names may hold underscores, parameter names not. */
    @Override
    public String readableKey(String key) {
        int underscore = key.lastIndexOf('_');
        return key.substring(0, underscore) + "/" + key.substring(underscore + 1);
    }

    @Override
    public Layer layerOf(String key) {
        return graph.getLayer(key.substring(0, key.lastIndexOf('_')));
    }

    @Override
    public BaseMultiLayerUpdater<?> updater() {
        return graph.getUpdater(true);
    }

    @Override
    public int iterationCount() {
        return graph.getIterationCount();
    }

    @Override
    public void setIterationCount(int iterations) {
        graph.getConfiguration().setIterationCount(iterations);
    }

    @Override
    public int epochCount() {
        return graph.getEpochCount();
    }
}
