package dev.jvmgan.backend;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * A {@link ComputationGraph} that also returns dLoss/dInput (of its first input) from a backward pass with an external dLoss/dOutput.
 *
 * <p>DL4J M2.1's public {@code backpropGradient(INDArray...)} runs {@code calcBackpropGradients(true, ...)}, which
 * clears every vertex's epsilon at the end, so the input vertex's epsilon (dLoss/dInput) is gone by the time the
 * caller could read it; and no other public method returns it. This subclass calls the protected
 * {@code calcBackpropGradients(false, false, eps)} and reads the input vertex's epsilon itself.
 *
 * <p>Workspaces: training runs without them, so the layer inputs a training forward pass keeps stay valid until
 * backward. DL4J decides from the <em>inference</em> mode whether backward's epsilons live in workspaces, which it
 * closes before we could read the input's; so that mode is {@code NONE} during the backward call only. Inference
 * itself keeps DL4J's workspaces: without them an activation layer in inference mode works in place on an array that
 * another vertex may still read (a residual {@code y = x + f(relu(x))} then adds {@code relu(x)}).
 *
 * <p>Everything else is a plain ComputationGraph: {@code ModelSerializer} saves its configuration and parameters,
 * and restores them as an ordinary {@code ComputationGraph}.
 */
final class InputGradientGraph extends ComputationGraph {

    private InputGradientGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }

    /**
     * A copy of an initialised graph: same configuration (so the same vertex and layer names) but for the workspace
     * modes above, parameters copied by {@code vertex_param} name, updater state and iteration and epoch counts carried over.
     * The source is left as it was.
     */
    static InputGradientGraph copyOf(ComputationGraph source) {
        ComputationGraphConfiguration conf = source.getConfiguration().clone();
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
        // clone() leaves these at 0; Adam's bias correction and any schedule depend on the iteration.
        conf.setIterationCount(source.getIterationCount());
        conf.setEpochCount(source.getEpochCount());
        InputGradientGraph copy = new InputGradientGraph(conf);
        // A given (zero) parameter array: init() then neither initialises weights nor reseeds ND4J's global RNG.
        long count = source.numParams();
        copy.init(count == 0 ? null : Nd4j.zeros(source.params().dataType(), 1, count), false);
        copyParameters(source.paramTable(), copy.paramTable());
        ComputationGraphUpdater updater = source.getUpdater(false);
        if (updater != null && updater.getStateViewArray() != null) {
            // Same configuration, so the same updater blocks in the same order: the flat state lines up.
            copy.getUpdater(true).setStateViewArray(updater.getStateViewArray());
        }
        return copy;
    }

    private static void copyParameters(Map<String, INDArray> from, Map<String, INDArray> to) {
        if (!from.keySet().equals(to.keySet())) {
            throw new IllegalStateException("copy of the graph has parameters " + to.keySet() + " but the original has "
                    + from.keySet());
        }
        from.forEach((key, value) -> {
            INDArray target = to.get(key);
            if (!Arrays.equals(target.shape(), value.shape())) {
                throw new IllegalStateException("parameter " + key + " has shape " + Arrays.toString(value.shape())
                        + " in the original graph but " + Arrays.toString(target.shape()) + " in its copy");
            }
            target.assign(value);
        });
    }

    /**
     * Backpropagates dLoss/dOutput of the last training forward pass: writes the parameter gradients into the
     * gradient view (overwriting it, as {@code backpropGradient} does) and returns a copy of dLoss/dInput. DL4J sums
     * into the input vertex's epsilon the contributions of every vertex the input feeds.
     */
    INDArray backpropToInput(INDArray outputGradient) {
        String input = getConfiguration().getNetworkInputs().get(0);
        // Every input, also a label input: an epsilon left from a pass of another batch size would be summed into.
        getConfiguration().getNetworkInputs().forEach(name -> getVertex(name).setEpsilon(null));
        ComputationGraphConfiguration conf = getConfiguration();
        WorkspaceMode inference = conf.getInferenceWorkspaceMode();
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        try {
            calcBackpropGradients(false, false, outputGradient);
        } finally {
            conf.setInferenceWorkspaceMode(inference);
        }
        INDArray inputGradient = getVertex(input).getEpsilon();
        if (inputGradient == null) {
            throw new IllegalStateException("no gradient reached input vertex '" + input + "': a frozen layer or a "
                    + "layer without an input gradient (e.g. an embedding) is on every path from it to the output");
        }
        return inputGradient.dup();
    }
}
