package dev.jvmgan.backend;

import dev.jvmgan.fastops.OneDnnBatchNormHelper;
import dev.jvmgan.model.FitSettings;
import dev.jvmgan.spectral.SpectralLayers;
import dev.jvmgan.spectral.SpectralNorm;
import dev.jvmgan.spectral.SpectralNormState;
import dev.jvmgan.spectral.WeightLayout;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seam for whichever kind of DL4J network the user built:
 * <pre>{@code
 * TrainableNetwork d = TrainableNetworks.of(discriminator);   // MultiLayerNetwork or ComputationGraph
 * }</pre>
 */
public final class TrainableNetworks {
    private TrainableNetworks() {
    }

    /**
     * The seam over a {@link MultiLayerNetwork} (which then trains in place) or a {@link ComputationGraph} (which
     * trains a copy: use {@link TrainableNetwork#model()}).
     *
     * @throws IllegalArgumentException for any other kind of model, a network the seam cannot drive, or one
     *                                  whose settings DL4J's {@code fit} would honour in a way the seam cannot
     *                                  ({@link FitSettings})
     */
    public static TrainableNetwork of(Model model) {
        return of(model, Set.of(), 0);
    }

    /**
     * The seam over a network whose named layers' weights are spectrally normalised ({@link TrainableNetwork}'s
     * contract says how): {@code TrainableNetworks.of(d, Set.of("conv1", "conv2", "logit"), seed)}.
     *
     * @param spectralNormLayers layers by the seam's names (a graph's vertex names, a MultiLayerNetwork's layer names,
     *                           {@code layer<i>} for unnamed ones), each a DenseLayer, ConvolutionLayer or
     *                           Deconvolution2D; empty for none
     * @param seed               for the power iterations' initial u and v
     * @throws IllegalArgumentException as {@link #of(Model)}, or naming a layer spectral norm cannot apply to
     */
    public static TrainableNetwork of(Model model, Set<String> spectralNormLayers, long seed) {
        return of(model, spectralNormLayers, seed, 0);
    }

    /**
     * The seam over a class-conditional network ({@code numClasses > 0}), or an unconditional one (0). The labels go
     * in by convention:
     * <ul>
     *   <li>a {@code ComputationGraph} has two inputs, the main one (latents or images) first and the one-hot labels
     *       {@code [B, numClasses]} second;</li>
     *   <li>a {@code MultiLayerNetwork} has one input, the main one with the one-hot labels appended: K more
     *       columns of a feed-forward input ({@code [B, latentDim + K]}), K more channels of an image input
     *       ({@code [B, C + K, S, S]}, channel C + k all ones for class k).</li>
     * </ul>
     * Either way the gradient the seam returns is the main input's alone.
     *
     * @throws IllegalArgumentException as {@link #of(Model, Set, long)}, or for a graph with the wrong number of
     *                                  inputs
     */
    public static TrainableNetwork of(Model model, Set<String> spectralNormLayers, long seed, int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
        }
        List<String> refused = model == null ? List.of() : FitSettings.refused(model);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", refused));
        }
        NetworkPasses passes;
        ClassInput classInput;
        if (model instanceof MultiLayerNetwork net) {
            passes = new MultiLayerPasses(net);
            classInput = numClasses == 0 ? ClassInput.none() : ClassInput.appended(numClasses);
        } else if (model instanceof ComputationGraph graph) {
            passes = new GraphPasses(graph, numClasses == 0 ? 1 : 2);
            classInput = numClasses == 0 ? ClassInput.none() : ClassInput.secondInput(numClasses);
        } else {
            throw new IllegalArgumentException("the training seam drives a MultiLayerNetwork or a ComputationGraph, "
                    + "not a " + (model == null ? "null model" : model.getClass().getName()));
        }
        OneDnnBatchNormHelper.install(layers(passes.model()));
        SpectralWeights spectral = spectralNormLayers.isEmpty() ? null
                : SpectralWeights.of(passes, spectralNormLayers, seed);
        return new Dl4jTrainable(passes, spectral, classInput);
    }

    /**
     * A network to draw outputs from ({@code output} only), with spectral normalisation baked in: a copy of
     * {@code model} whose normalised layers hold W_orig / sigma, sigma = u^T M v from the saved u and v, computed once
     * instead of for every {@code output}. It computes what {@link #of(Model, Set, long)} with those u and v computes
     * in {@code output} (the same arithmetic, so the same bits), and leaves {@code model} as it was.
     *
     * @param spectralNorm u and v by layer name; empty for none (then {@code model} itself is behind the seam)
     * @throws IllegalArgumentException naming a layer that is missing or whose u or v does not fit its weight
     */
    public static TrainableNetwork forInference(Model model, Map<String, SpectralNormState> spectralNorm) {
        return forInference(model, spectralNorm, 0);
    }

    /** {@link #forInference(Model, Map)} of a network conditioned on {@code numClasses} classes (0: none). */
    public static TrainableNetwork forInference(Model model, Map<String, SpectralNormState> spectralNorm,
                                                int numClasses) {
        if (spectralNorm.isEmpty()) {
            return of(model, Set.of(), 0, numClasses);
        }
        Model copy = copyOf(model);
        Map<String, Layer> layers = SpectralLayers.byName(copy);
        Map<String, WeightLayout> layouts = SpectralLayers.weightLayers(copy);
        spectralNorm.forEach((name, state) -> {
            SpectralLayers.problem(copy, name).ifPresent(problem -> {
                throw new IllegalArgumentException("spectral norm: " + problem);
            });
            org.nd4j.linalg.api.ndarray.INDArray weight = layers.get(name).getParam("W");
            SpectralNorm norm = new SpectralNorm(weight.shape(), layouts.get(name), weight.dataType(), 0);
            try {
                norm.restore(state);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("spectral norm of layer " + name + ": " + e.getMessage(), e);
            }
            weight.assign(norm.forward(weight.dup(), false));
        });
        return of(copy, Set.of(), 0, numClasses);
    }

    /** A copy of a network's configuration and parameters, without its optimiser state. */
    public static Model copyOf(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            MultiLayerNetwork copy = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
            copy.init(net.params().dup(), false);
            return copy;
        } else if (model instanceof ComputationGraph graph) {
            ComputationGraph copy = new ComputationGraph(graph.getConfiguration().clone());
            copy.init(graph.params().dup(), false);
            return copy;
        }
        throw new IllegalArgumentException("cannot copy a " + (model == null ? "null model"
                : model.getClass().getName()));
    }

    /** The layers of either kind of network (a graph's in topological order); none for other models. */
    public static Layer[] layers(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getLayers();
        } else if (model instanceof ComputationGraph graph) {
            return graph.getLayers();
        }
        return new Layer[0];
    }
}
