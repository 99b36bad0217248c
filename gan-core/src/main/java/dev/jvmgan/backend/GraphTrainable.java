package dev.jvmgan.backend;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TrainableNetwork} over a DL4J {@link ComputationGraph} with one input and one output that is not an
 * OutputLayer or LossLayer (the loss lives in the training loop). Residual connections, merges and any other vertex
 * are fine.
 *
 * <p>How it gets dLoss/dInput: DL4J M2.1 has no public call that returns it for a graph, so the seam trains a copy
 * of the given graph, an {@link InputGradientGraph}, which runs DL4J's own backward pass without clearing the
 * vertices and reads the input vertex's epsilon (see there). The alternative, an identity layer of ours inserted at
 * the input that keeps its epsilon, would put a custom layer class into every saved model and shift the user's
 * graph by one vertex; the subclass keeps the graph exactly as given (names, vertices, saved JSON), and DL4J itself
 * sums the gradients of every vertex the input feeds. The price: it relies on a protected DL4J method (checked at
 * compile time against the pinned version) and trains without workspaces, as {@link MultiLayerTrainable}'s backward
 * pass also does.
 *
 * <p>The given graph is copied (parameters by name, updater state, iteration count) and left as it was: after
 * wrapping, {@link #model()} is the network that trains, saves and samples.
 *
 * <p>The rest is {@link MultiLayerTrainable}'s recipe: a training forward pass keeps every vertex's input; a second
 * {@code backward} before an update first stashes the gradient view, which each backward pass overwrites; the update
 * is the updater step with batch size 1 (the loop's loss gradients are already batch means), then
 * {@code params -= step}.
 *
 * <pre>{@code
 * TrainableNetwork d = new GraphTrainable(residualDiscriminator);   // or TrainableNetworks.of(model)
 * INDArray dLossDImages = d.inputGradient(loss.dLogits(d.forward(images)));
 * }</pre>
 */
public final class GraphTrainable implements TrainableNetwork {
    private final InputGradientGraph graph;
    private final String outputName;
    /** Layer vertices in topological order, each with the vertex that feeds it. */
    private final Map<String, String> layerInputVertex = new LinkedHashMap<>();
    private final PendingGradients pending;
    private Map<String, INDArray> lastActivations = Map.of();
    private Gradient lastGradient;

    /** @throws IllegalArgumentException unless the graph is initialised, has one input and one non-loss output */
    public GraphTrainable(ComputationGraph graph) {
        if (graph.getVertices() == null) {
            throw new IllegalArgumentException("the ComputationGraph is not initialised: call init() before wrapping it");
        }
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException("a ComputationGraph behind the training seam needs exactly one input "
                    + "and one output; this one has inputs " + inputs + " and outputs " + outputs);
        }
        String output = outputs.get(0);
        GraphVertex outputVertex = graph.getVertex(output);
        if (outputVertex.hasLayer() && outputVertex.getLayer() instanceof IOutputLayer) {
            throw new IllegalArgumentException("a network behind the training seam must not end in an OutputLayer or "
                    + "LossLayer (the loop computes the loss); output vertex '" + output + "' is "
                    + outputVertex.getLayer().getClass().getSimpleName());
        }
        this.graph = graph instanceof InputGradientGraph ready ? ready : InputGradientGraph.copyOf(graph);
        this.pending = new PendingGradients(this.graph::getGradientsViewArray);
        this.outputName = output;
        Map<String, List<String>> vertexInputs = this.graph.getConfiguration().getVertexInputs();
        for (int index : this.graph.topologicalSortOrder()) {
            GraphVertex vertex = this.graph.getVertices()[index];
            if (vertex.hasLayer()) {
                layerInputVertex.put(vertex.getVertexName(), vertexInputs.get(vertex.getVertexName()).get(0));
            }
        }
    }

    @Override
    public INDArray forward(INDArray input) {
        // clearInputs=false keeps each vertex's inputs for backward; the map holds every vertex's output.
        lastActivations = graph.feedForward(new INDArray[]{input}, true, false);
        return lastActivations.get(outputName);
    }

    @Override
    public INDArray output(INDArray input) {
        return graph.output(false, input)[0];
    }

    @Override
    public INDArray backward(INDArray lossGradient) {
        pending.beforeBackward();
        INDArray inputGradient = backprop(lossGradient);
        pending.afterBackward();
        return inputGradient;
    }

    @Override
    public INDArray inputGradient(INDArray lossGradient) {
        if (pending.passes() > 0) {
            throw new IllegalStateException("inputGradient() would overwrite " + pending.passes()
                    + " pending backward pass(es); call applyUpdate() first");
        }
        return backprop(lossGradient);
    }

    private INDArray backprop(INDArray lossGradient) {
        if (lastActivations.isEmpty()) {
            throw new IllegalStateException("backward pass without a forward pass: call forward() first");
        }
        INDArray inputGradient = graph.backpropToInput(lossGradient);
        lastGradient = graph.gradient();
        return inputGradient;
    }

    @Override
    public void applyUpdate() {
        if (pending.passes() == 0) {
            throw new IllegalStateException("applyUpdate() without a backward pass");
        }
        INDArray view = pending.consolidated();
        Gradient gradient = new DefaultGradient(view);
        // DL4J's updater splits the flat view by the "<vertex>_<param>" keys of the last backprop's Gradient.
        lastGradient.gradientForVariable().forEach(gradient::setGradientFor);
        graph.getUpdater(true).update(gradient, graph.getIterationCount(), graph.getEpochCount(), 1,
                LayerWorkspaceMgr.noWorkspaces());
        INDArray params = graph.params();
        params.subi(view.reshape(params.shape()));
        graph.countIteration();
        pending.clear();
    }

    @Override
    public Map<String, INDArray> layerInputs() {
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        if (lastActivations.isEmpty()) {
            return inputs;
        }
        layerInputVertex.forEach((layer, inputVertex) -> inputs.put(layer, lastActivations.get(inputVertex)));
        return inputs;
    }

    @Override
    public Map<String, INDArray> pendingGradients() {
        if (pending.passes() == 0) {
            return Map.of();
        }
        pending.consolidated();
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradientViews().forEach((key, g) -> gradients.put(key, g.dup()));
        return gradients;
    }

    /** The pending gradients as live views of the gradient view array, by {@code vertex/param}. */
    private Map<String, INDArray> gradientViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        lastGradient.gradientForVariable().forEach((key, g) -> views.put(readableKey(key), g));
        return views;
    }

    @Override
    public Map<String, INDArray> parameterTable() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        graph.paramTable().forEach((key, p) -> params.put(readableKey(key), p));
        return params;
    }

    @Override
    public boolean gradientsFinite() {
        return pending.passes() == 0 || NonFinite.isFinite(pending.consolidated());
    }

    @Override
    public Optional<String> firstNonFinite() {
        Optional<String> where = Optional.empty();
        if (pending.passes() > 0) {
            if (!NonFinite.isFinite(pending.consolidated())) {
                where = NonFinite.first("gradient", gradientViews());
            }
        }
        where = where.or(() -> NonFinite.first("parameter", parameterTable()))
                .or(() -> NonFinite.first("input of", layerInputs()));
        INDArray output = lastActivations.get(outputName);
        if (where.isEmpty() && output != null && !NonFinite.isFinite(output)) {
            return Optional.of("output of " + outputName);
        }
        return where;
    }

    /** DL4J's {@code "conv1_W"} becomes {@code "conv1/W"}; vertex names may hold underscores, parameter names not. */
    private static String readableKey(String key) {
        int underscore = key.lastIndexOf('_');
        return key.substring(0, underscore) + "/" + key.substring(underscore + 1);
    }

    @Override
    public long updateCount() {
        return graph.getIterationCount();
    }

    @Override
    public INDArray params() {
        return graph.params();
    }

    /** The graph that trains: a copy of the one given to the constructor (a {@code ComputationGraph}). */
    @Override
    public Model model() {
        return graph;
    }

    public ComputationGraph network() {
        return graph;
    }
}
