package dev.jvmgan.backend;

import dev.jvmgan.model.FitSettings;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

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
        List<String> refused = model == null ? List.of() : FitSettings.refused(model);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", refused));
        }
        if (model instanceof MultiLayerNetwork net) {
            return new Dl4jTrainable(new MultiLayerPasses(net));
        } else if (model instanceof ComputationGraph graph) {
            return new Dl4jTrainable(new GraphPasses(graph));
        }
        throw new IllegalArgumentException("the training seam drives a MultiLayerNetwork or a ComputationGraph, not a "
                + (model == null ? "null model" : model.getClass().getName()));
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
