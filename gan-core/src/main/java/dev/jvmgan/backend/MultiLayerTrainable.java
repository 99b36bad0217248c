package dev.jvmgan.backend;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * {@link TrainableNetwork} over a DL4J {@link MultiLayerNetwork} that ends in an ordinary layer (no OutputLayer:
 * the loss lives in the training loop).
 *
 * <p>How it drives DL4J: {@code feedForward(true, false)} keeps every layer's input for the backward pass;
 * {@code backpropGradient(epsilon)} writes parameter gradients into the network's flattened gradient view,
 * overwriting it; so a second {@code backward} before an update first stashes the view. The update is what
 * DL4J's own SGD solver does: {@code updater.update(...)} turns the gradient view into the step in place, then
 * {@code params -= step}. The batch size passed to the updater is 1 because the loop's loss gradients are
 * already means over the batch.
 */
public final class MultiLayerTrainable implements TrainableNetwork {
    private final MultiLayerNetwork net;
    private INDArray stash;
    private int pendingPasses;
    private List<INDArray> lastActivations = List.of();
    private Gradient lastGradient;

    public MultiLayerTrainable(MultiLayerNetwork net) {
        if (net.getOutputLayer() instanceof org.deeplearning4j.nn.api.layers.IOutputLayer) {
            throw new IllegalArgumentException("a network behind the training seam must not end in an OutputLayer or "
                    + "LossLayer (the loop computes the loss); last layer is "
                    + net.getOutputLayer().getClass().getSimpleName());
        }
        this.net = net;
    }

    @Override
    public INDArray forward(INDArray input) {
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
        INDArray view = net.getGradientsViewArray();
        if (pendingPasses == 1) {
            if (stash == null) {
                stash = view.dup();
            } else {
                stash.assign(view);
            }
        } else if (pendingPasses > 1) {
            stash.addi(view);
        }
        INDArray inputGradient = backprop(lossGradient);
        pendingPasses++;
        return inputGradient;
    }

    @Override
    public INDArray inputGradient(INDArray lossGradient) {
        if (pendingPasses > 0) {
            throw new IllegalStateException("inputGradient() would overwrite " + pendingPasses
                    + " pending backward pass(es); call applyUpdate() first");
        }
        return backprop(lossGradient);
    }

    private INDArray backprop(INDArray lossGradient) {
        Pair<Gradient, INDArray> result = net.backpropGradient(lossGradient, LayerWorkspaceMgr.noWorkspaces());
        lastGradient = result.getFirst();
        return result.getSecond();
    }

    @Override
    public void applyUpdate() {
        if (pendingPasses == 0) {
            throw new IllegalStateException("applyUpdate() without a backward pass");
        }
        INDArray view = net.getGradientsViewArray();
        if (pendingPasses > 1) {
            view.addi(stash);
        }
        Gradient gradient = new DefaultGradient(view);
        // DL4J's updater splits the flat view by the "<layer>_<param>" keys of the last backprop's Gradient.
        lastGradient.gradientForVariable().forEach(gradient::setGradientFor);
        int iteration = net.getIterationCount();
        Updater updater = net.getUpdater(true);
        updater.update(net, gradient, iteration, net.getEpochCount(), 1, LayerWorkspaceMgr.noWorkspaces());
        INDArray params = net.params();
        params.subi(view.reshape(params.shape()));
        net.setIterationCount(iteration + 1);
        pendingPasses = 0;
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
