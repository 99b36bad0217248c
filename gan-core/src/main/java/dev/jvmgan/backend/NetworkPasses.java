package dev.jvmgan.backend;

import dev.jvmgan.fastops.Wanted;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Optional;

/**
 * What differs between the two kinds of DL4J network behind the seam: how their passes run, how their layers and
 * gradients are named, where their counters live. Everything else, the seam's contract and the update as DL4J's
 * {@code fit} makes it, is {@link Dl4jTrainable}'s, once for both.
 */
interface NetworkPasses {

    /** The network that trains (saved, sampled and inspected). */
    Model model();

    /** Its layers: a MultiLayerNetwork's in order, a graph's in topological order. */
    Layer[] layers();

    /**
     * Training-mode forward pass that keeps what {@link #backward} needs; returns the network's output. The inputs
     * in the network's order ({@link ClassInput} makes them): one, or a graph's main input and its labels.
     */
    INDArray forward(INDArray[] inputs);

    /** Inference-mode forward pass. */
    INDArray output(INDArray[] inputs);

    /**
     * Backpropagates dLoss/dOutput through the last {@link #forward}: writes the parameter gradients into the
     * network's flat gradient view (overwriting it) and returns them, keyed as DL4J's updater expects
     * ({@code "<layer>_<param>"}), with dLoss/dInput of the first input. With {@code wanted} other than
     * {@link Wanted#ALL}, layers that can skip the gradients not wanted do ({@link Wanted}): with
     * {@link Wanted#INPUT}, parameter gradients missing from the result and stale in the view; with
     * {@link Wanted#PARAMETERS}, dLoss/dInput possibly null.
     */
    Pair<Gradient, INDArray> backward(INDArray lossGradient, Wanted wanted);

    /** The input of every layer in the last {@link #forward}, by layer name in {@link #layers()} order. */
    Map<String, INDArray> layerInputs();

    /** The output of the last {@link #forward}, by the name of the layer (or vertex) that gave it. */
    Optional<Map.Entry<String, INDArray>> lastOutput();

    /** DL4J's gradient or parameter key ({@code "1_W"}, {@code "conv1_W"}) as {@code layer/param}. */
    String readableKey(String key);

    /** The layer a DL4J gradient or parameter key belongs to. */
    Layer layerOf(String key);

    /** DL4J's updater of this network, created on first use. */
    BaseMultiLayerUpdater<?> updater();

    int iterationCount();

    /** Sets the network's iteration count (saved with its configuration), not the layers'. */
    void setIterationCount(int iterations);

    int epochCount();
}
