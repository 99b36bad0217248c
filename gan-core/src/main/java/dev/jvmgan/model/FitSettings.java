package dev.jvmgan.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The settings of a DL4J network under which DL4J's own {@code fit} would train it in a way the training loop
 * cannot reproduce exactly, so a network that declares one is refused rather than trained differently.
 *
 * <p>The loop makes every update as {@code fit} does with plain stochastic gradient descent (gradient
 * normalisation, l1, l2, weight decay, the updater, the step function, constraints, dropout and weight noise all
 * apply, and {@code miniBatch(false)} sums instead of averaging). What it cannot do:
 * <ul>
 *   <li>{@code optimizationAlgo} LBFGS, CONJUGATE_GRADIENT or LINE_GRADIENT_DESCENT: these search along a line
 *       by evaluating the network's own loss, and a GAN's loss lives outside the networks;</li>
 *   <li>{@code backpropType(TruncatedBPTT)}: {@code fit} would cut each sequence into segments with an update
 *       after each; the loop backpropagates whole passes.</li>
 * </ul>
 * DL4J reads both from the network's configuration (for a MultiLayerNetwork, its first layer's), not per layer.
 */
public final class FitSettings {
    private FitSettings() {
    }

    /** One sentence per refused setting, each saying what to do instead; empty if the loop trains it exactly. */
    public static List<String> refused(Model network) {
        List<String> refused = new ArrayList<>();
        OptimizationAlgorithm algorithm = network.conf().getOptimizationAlgo();
        if (algorithm != null && algorithm != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT) {
            refused.add("optimizationAlgo " + algorithm + " is set for the whole network; the training loop takes "
                    + "plain gradient steps (STOCHASTIC_GRADIENT_DESCENT, DL4J's default) and cannot run a line "
                    + "search, which needs the loss inside the network: remove optimizationAlgo(...), or set it to "
                    + "STOCHASTIC_GRADIENT_DESCENT, and pick the optimiser with the updater");
        }
        if (backpropType(network) == BackpropType.TruncatedBPTT) {
            refused.add("backpropType TruncatedBPTT is set; the training loop backpropagates each pass whole, "
                    + "with one update per iteration: use backpropType(BackpropType.Standard)");
        }
        return refused;
    }

    private static BackpropType backpropType(Model network) {
        if (network instanceof MultiLayerNetwork mln) {
            return mln.getLayerWiseConfigurations().getBackpropType();
        } else if (network instanceof ComputationGraph graph) {
            return graph.getConfiguration().getBackpropType();
        }
        return BackpropType.Standard;
    }
}
