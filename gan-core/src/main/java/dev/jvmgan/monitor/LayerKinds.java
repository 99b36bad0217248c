package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.ArrayList;
import java.util.List;

/**
 * Which layers of a network are activations of the Leaky ReLU family (the monitors read their inputs as
 * pre-activations), found from the layer configurations, so any network built with separate activation
 * layers is monitored without extra code: a MultiLayerNetwork's layers in order, or a ComputationGraph's layer
 * vertices by vertex name in topological order (other vertices, such as merges and element-wise sums, are not
 * layers and are skipped).
 */
final class LayerKinds {
    private LayerKinds() {
    }

    /** @param type the family member, or null for other layers; tanhOutput marks a tanh activation layer */
    record Kind(String layer, ActivationType type, boolean tanhOutput) {
    }

    static List<Kind> of(Model model) {
        List<Kind> kinds = new ArrayList<>();
        if (model instanceof MultiLayerNetwork net) {
            for (int i = 0; i < net.getnLayers(); i++) {
                Layer conf = net.getLayer(i).conf().getLayer();
                kinds.add(kind(conf.getLayerName() == null ? "layer" + i : conf.getLayerName(), conf));
            }
        } else if (model instanceof ComputationGraph graph) {
            for (int index : graph.topologicalSortOrder()) {
                GraphVertex vertex = graph.getVertices()[index];
                if (vertex.hasLayer()) {
                    kinds.add(kind(vertex.getVertexName(), vertex.getLayer().conf().getLayer()));
                }
            }
        }
        return kinds;
    }

    private static Kind kind(String name, Layer conf) {
        if (conf instanceof PReLULayer) {
            return new Kind(name, ActivationType.PRELU, false);
        } else if (conf instanceof ActivationLayer activation) {
            IActivation fn = activation.getActivationFn();
            return new Kind(name, typeOf(fn), fn instanceof ActivationTanH);
        }
        return new Kind(name, null, false);
    }

    static ActivationType typeOf(IActivation fn) {
        // Subclasses first: the toolkit's corrected RReLU/ELU extend DL4J's classes.
        if (fn instanceof ActivationRReLU) {
            return ActivationType.RRELU;
        } else if (fn instanceof ActivationLReLU) {
            return ActivationType.LEAKYRELU;
        } else if (fn instanceof ActivationReLU) {
            return ActivationType.RELU;
        } else if (fn instanceof ActivationELU) {
            return ActivationType.ELU;
        } else if (fn instanceof ActivationSELU) {
            return ActivationType.SELU;
        } else if (fn instanceof ActivationGELU || fn.getClass().getSimpleName().equals("GeluActivation")) {
            return ActivationType.GELU;
        } else if (fn instanceof ActivationSwish) {
            return ActivationType.SILU;
        }
        return null;
    }
}
