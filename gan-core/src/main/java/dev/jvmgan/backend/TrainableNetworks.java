package dev.jvmgan.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

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
     * @throws IllegalArgumentException for any other kind of model, or a network the seam cannot drive
     */
    public static TrainableNetwork of(Model model) {
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
