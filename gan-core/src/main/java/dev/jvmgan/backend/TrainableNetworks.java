package dev.jvmgan.backend;

import dev.jvmgan.model.FitSettings;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
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
        List<String> refused = model == null ? List.of() : FitSettings.refused(model);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", refused));
        }
        NetworkPasses passes;
        if (model instanceof MultiLayerNetwork net) {
            passes = new MultiLayerPasses(net);
        } else if (model instanceof ComputationGraph graph) {
            passes = new GraphPasses(graph);
        } else {
            throw new IllegalArgumentException("the training seam drives a MultiLayerNetwork or a ComputationGraph, "
                    + "not a " + (model == null ? "null model" : model.getClass().getName()));
        }
        SpectralWeights spectral = spectralNormLayers.isEmpty() ? null
                : SpectralWeights.of(passes, spectralNormLayers, seed);
        return new Dl4jTrainable(passes, spectral);
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
