package dev.jvmgan.backend;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TrainableNetwork} over a DL4J {@link MultiLayerNetwork} that ends in an ordinary layer (no OutputLayer:
 * the loss lives in the training loop).
 *
 * <p>How it drives DL4J: {@link ArenaPasses} runs the layers forward as DL4J's {@code feedForward(true, false)} does,
 * but keeps their activations in a workspace of this network's own instead of fresh memory every pass; its backward
 * pass writes parameter gradients into the network's flattened gradient view, overwriting it, as DL4J's
 * {@code backpropGradient(epsilon)} does; so a second {@code backward} before an update first stashes the view.
 * Arrays {@link #forward} returns (and {@link #layerInputs()}) are valid until this network's next forward pass. The update is what
 * DL4J's own SGD solver does: {@code updater.update(...)} turns the gradient view into the step in place, then
 * {@code params -= step}. The batch size passed to the updater is 1 because the loop's loss gradients are
 * already means over the batch.
 */
public final class MultiLayerTrainable implements TrainableNetwork {
    private final MultiLayerNetwork net;
    private final PendingGradients pending;
    private static final Logger log = LoggerFactory.getLogger(MultiLayerTrainable.class);
    private ArenaPasses passes;
    private List<INDArray> lastActivations = List.of();
    private Gradient lastGradient;

    public MultiLayerTrainable(MultiLayerNetwork net) {
        if (net.getOutputLayer() instanceof org.deeplearning4j.nn.api.layers.IOutputLayer) {
            throw new IllegalArgumentException("a network behind the training seam must not end in an OutputLayer or "
                    + "LossLayer (the loop computes the loss); last layer is "
                    + net.getOutputLayer().getClass().getSimpleName());
        }
        this.net = net;
        this.pending = new PendingGradients(net::getGradientsViewArray);
        this.passes = new ArenaPasses(net);
    }

    @Override
    public INDArray forward(INDArray input) {
        if (passes != null) {
            try {
                lastActivations = passes.forward(input);
                return lastActivations.get(lastActivations.size() - 1);
            } catch (UnsupportedOperationException noArena) {
                log.warn("activation arena unavailable, using DL4J's own passes (slower): {}", noArena.getMessage());
                passes = null;
            }
        }
        net.setInput(input);
        lastActivations = net.feedForward(true, false);
        return lastActivations.get(lastActivations.size() - 1);
    }

    /** Inputs and outputs of every layer from the last {@link #forward}: index 0 is the input, i+1 layer i's output. */
    public List<INDArray> lastActivations() {
        return lastActivations;
    }

    @Override
    public INDArray output(INDArray input) {
        return net.output(input, false);
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
        Pair<Gradient, INDArray> result = passes != null ? passes.backward(lossGradient)
                : net.backpropGradient(lossGradient, LayerWorkspaceMgr.noWorkspaces());
        lastGradient = result.getFirst();
        return result.getSecond();
    }

    @Override
    public void applyUpdate() {
        if (pending.passes() == 0) {
            throw new IllegalStateException("applyUpdate() without a backward pass");
        }
        INDArray view = pending.consolidated();
        Gradient gradient = new DefaultGradient(view);
        // DL4J's updater splits the flat view by the "<layer>_<param>" keys of the last backprop's Gradient.
        lastGradient.gradientForVariable().forEach(gradient::setGradientFor);
        int iteration = net.getIterationCount();
        Updater updater = net.getUpdater(true);
        updater.update(net, gradient, iteration, net.getEpochCount(), 1, LayerWorkspaceMgr.noWorkspaces());
        INDArray params = net.params();
        params.subi(view.reshape(params.shape()));
        net.setIterationCount(iteration + 1);
        pending.clear();
    }

    @Override
    public Map<String, INDArray> layerInputs() {
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lastActivations.size() && i < net.getnLayers(); i++) {
            inputs.put(layerName(i), lastActivations.get(i));
        }
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

    /** The pending gradients as live views of the gradient view array, by {@code layer/param}. */
    private Map<String, INDArray> gradientViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        lastGradient.gradientForVariable().forEach((key, g) -> views.put(readableKey(key), g));
        return views;
    }

    @Override
    public Map<String, INDArray> parameterTable() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        net.paramTable().forEach((key, p) -> params.put(readableKey(key), p));
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
        if (where.isEmpty() && !lastActivations.isEmpty()
                && !NonFinite.isFinite(lastActivations.get(lastActivations.size() - 1))) {
            return Optional.of("output of " + layerName(net.getnLayers() - 1));
        }
        return where;
    }

    private String layerName(int index) {
        String name = net.getLayer(index).conf().getLayer().getLayerName();
        return name == null ? "layer" + index : name;
    }

    /** DL4J's {@code "1_W"} becomes {@code "conv2/W"}. */
    private String readableKey(String key) {
        int underscore = key.indexOf('_');
        return layerName(Integer.parseInt(key.substring(0, underscore))) + "/" + key.substring(underscore + 1);
    }

    @Override
    public long updateCount() {
        return net.getIterationCount();
    }

    @Override
    public INDArray params() {
        return net.params();
    }

    @Override
    public Model model() {
        return net;
    }

    public MultiLayerNetwork network() {
        return net;
    }
}
