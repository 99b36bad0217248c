package dev.jvmgan.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.optimize.solvers.StochasticGradientDescent;
import org.deeplearning4j.optimize.stepfunctions.StepFunctions;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * What DL4J 1.0.0-M2.1's {@code fit} does around a gradient, done the same way for a gradient that came from the
 * training loop's loss instead of the network's own output layer. {@code fit} runs
 * {@code Solver -> StochasticGradientDescent.optimize}:
 * <ol>
 *   <li>before the forward pass, every layer's iteration and epoch counts are set to the network's (schedules of
 *       dropout, weight noise and regularisation read them), and the weight noise or DropConnect weights of the
 *       previous pass are dropped ({@code clearLayersStates} at the end of the previous {@code fit}), so each
 *       forward pass draws its own and its backward pass uses the same;</li>
 *   <li>{@code BaseMultiLayerUpdater.update}: divides the gradient by the mini-batch size (unless
 *       {@code miniBatch(false)}), applies each layer's gradient normalisation or clipping, l1 and l2 (before the
 *       updater), the updater, then weight decay (after it), turning the gradient view into the step in place;</li>
 *   <li>{@code params = step(params, step)}: the configured step function, by default
 *       {@code params -= step};</li>
 *   <li>the iteration count goes up by one and every layer's constraints are applied.</li>
 * </ol>
 * Steps 2 to 4 call DL4J's own code. The loop's loss gradients are already means over the batch, which is what
 * DL4J's division produces, so the updater is told a batch of 1. Under {@code miniBatch(false)} DL4J uses the
 * sum over the batch instead: {@link #asDl4jWouldSum} multiplies the same gradients DL4J would have divided
 * (not batch norm's running statistics) by the batch size.
 */
final class FitStep {
    private final NetworkPasses passes;
    private final StepFunction stepFunction;
    private final boolean miniBatch;

    FitStep(NetworkPasses passes) {
        this.passes = passes;
        NeuralNetConfiguration conf = passes.model().conf();
        this.stepFunction = conf.getStepFunction() == null
                ? BaseOptimizer.getDefaultStepFunctionForOptimizer(StochasticGradientDescent.class)
                : StepFunctions.createStepFunction(conf.getStepFunction());
        this.miniBatch = conf.isMiniBatch();
    }

    /** Step 1, before every training forward pass. */
    void beforeForward() {
        synchroniseLayerCounts();
        for (Layer layer : passes.layers()) {
            layer.clearNoiseWeightParams();
        }
    }

    /**
     * Under {@code miniBatch(false)}, turns the mean gradient of the backward pass just run into the sum DL4J would
     * use: d(sum)/dθ = batch * d(mean)/dθ, for the parameters DL4J divides by the mini-batch size.
     *
     * @param gradients the pass's parameter gradients by DL4J key (views of the network's gradient view)
     */
    void asDl4jWouldSum(Map<String, INDArray> gradients, long batch) {
        if (miniBatch) {
            return;
        }
        gradients.forEach((key, g) -> {
            String param = key.substring(key.lastIndexOf('_') + 1);
            if (passes.layerOf(key).updaterDivideByMinibatch(param)) {
                g.muli(batch);
            }
        });
    }

    /** Steps 2 to 4, with the summed gradients of every backward pass since the last update. */
    void apply(Gradient gradient) {
        int iteration = passes.iterationCount();
        int epoch = passes.epochCount();
        passes.updater().update(gradient, iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        Model model = passes.model();
        INDArray step = gradient.gradient();
        // model.params() is a live view, as in DL4J's optimiser: the step function writes the new parameters into it.
        stepFunction.step(model.params(), step.reshape(step.length()));
        passes.setIterationCount(iteration + 1);
        model.applyConstraints(iteration + 1, epoch);
        synchroniseLayerCounts();
    }

    private void synchroniseLayerCounts() {
        int iteration = passes.iterationCount();
        int epoch = passes.epochCount();
        for (Layer layer : passes.layers()) {
            layer.setIterationCount(iteration);
            layer.setEpochCount(epoch);
        }
    }
}
