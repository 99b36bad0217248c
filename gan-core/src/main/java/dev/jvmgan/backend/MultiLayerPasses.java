package dev.jvmgan.backend;

import dev.jvmgan.fastops.Wanted;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
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
 * The passes of a {@link MultiLayerNetwork} that ends in an ordinary layer, which trains in place.
 *
 * <p>{@link ArenaPasses} runs the layers forward as DL4J's {@code feedForward(true, false)} does, but keeps their
 * activations in a workspace of this network's own instead of fresh memory every pass, and backward as
 * {@code backpropGradient(epsilon)} does. If the ND4J backend cannot hold such a workspace, DL4J's own (slower)
 * passes take over.
 */
final class MultiLayerPasses implements NetworkPasses {
    private static final Logger log = LoggerFactory.getLogger(MultiLayerPasses.class);
    private final MultiLayerNetwork net;
    private ArenaPasses arena;
    /** Index 0 is the input, i+1 layer i's output, as DL4J's {@code feedForward} lists them. */
    private List<INDArray> activations = List.of();

    /** @throws IllegalArgumentException if the network ends in an OutputLayer or LossLayer */
    MultiLayerPasses(MultiLayerNetwork net) {
        if (net.getOutputLayer() instanceof IOutputLayer) {
            throw new IllegalArgumentException("a network behind the training seam must not end in an OutputLayer or "
                    + "LossLayer (the loop computes the loss); last layer is "
                    + net.getOutputLayer().getClass().getSimpleName());
        }
        this.net = net;
        this.arena = new ArenaPasses(net);
    }

    @Override
    public Model model() {
        return net;
    }

    @Override
    public Layer[] layers() {
        return net.getLayers();
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        INDArray input = only(inputs);
        if (arena != null) {
            try {
                activations = arena.forward(input);
                return activations.get(activations.size() - 1);
            } catch (UnsupportedOperationException noArena) {
                log.warn("activation arena unavailable, using DL4J's own passes (slower): {}", noArena.getMessage());
                arena = null;
            }
        }
        net.setInput(input);
        activations = net.feedForward(true, false);
        return activations.get(activations.size() - 1);
    }

    @Override
    public INDArray output(INDArray[] inputs) {
        return net.output(only(inputs), false);
    }

    private static INDArray only(INDArray[] inputs) {
        if (inputs.length != 1) {
            throw new IllegalArgumentException("a MultiLayerNetwork has one input, not " + inputs.length);
        }
        return inputs[0];
    }

    @Override
    public Pair<Gradient, INDArray> backward(INDArray lossGradient, Wanted wanted) {
        return arena != null ? arena.backward(lossGradient, wanted)
                : net.backpropGradient(lossGradient, LayerWorkspaceMgr.noWorkspaces());
    }

    @Override
    public Map<String, INDArray> layerInputs() {
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < activations.size() && i < net.getnLayers(); i++) {
            inputs.put(layerName(i), activations.get(i));
        }
        return inputs;
    }

    @Override
    public Optional<Map.Entry<String, INDArray>> lastOutput() {
        return activations.isEmpty() ? Optional.empty() : Optional.of(new AbstractMap.SimpleImmutableEntry<>(
                layerName(net.getnLayers() - 1), activations.get(activations.size() - 1)));
    }

    /** DL4J's {@code "1_W"} becomes {@code "conv2/W"}. */
    @Override
    public String readableKey(String key) {
        int underscore = key.indexOf('_');
        return layerName(Integer.parseInt(key.substring(0, underscore))) + "/" + key.substring(underscore + 1);
    }

    @Override
    public Layer layerOf(String key) {
        return net.getLayer(Integer.parseInt(key.substring(0, key.indexOf('_'))));
    }

    private String layerName(int index) {
        String name = net.getLayer(index).conf().getLayer().getLayerName();
        return name == null ? "layer" + index : name;
    }

    @Override
    public BaseMultiLayerUpdater<?> updater() {
        return (BaseMultiLayerUpdater<?>) net.getUpdater(true);
    }

    @Override
    public int iterationCount() {
        return net.getIterationCount();
    }

    @Override
    public void setIterationCount(int iterations) {
        net.setIterationCount(iterations);
    }

    @Override
    public int epochCount() {
        return net.getEpochCount();
    }
}
