package dev.jvmgan.spectral;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which layers of a DL4J network spectral normalisation can apply to, and how their weight {@code W} is laid out:
 * {@link DenseLayer} ([nIn, nOut]), {@link ConvolutionLayer} ([out, in, kh, kw]) and {@link Deconvolution2D}
 * ([in, out, kh, kw]), by exact class, since subclasses such as {@code Convolution1DLayer} or
 * {@code SeparableConvolution2D} lay their weights out differently.
 *
 * <p>Layers are named as the training seam names them: a graph's by vertex name, a MultiLayerNetwork's by layer
 * name, or {@code layer<i>} for an unnamed layer i.
 */
public final class SpectralLayers {
    /** What a message lists as the layers spectral normalisation applies to. */
    public static final String SUPPORTED = "DenseLayer, ConvolutionLayer and Deconvolution2D";

    private SpectralLayers() {
    }

    /** The layout of the weight of a layer of this configuration, if spectral normalisation applies to it. */
    public static Optional<WeightLayout> layoutOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf == null) {
            return Optional.empty();
        }
        Class<?> type = conf.getClass();
        if (type == DenseLayer.class) {
            return Optional.of(WeightLayout.DENSE);
        } else if (type == ConvolutionLayer.class) {
            return Optional.of(WeightLayout.CONVOLUTION);
        } else if (type == Deconvolution2D.class) {
            return Optional.of(WeightLayout.DECONVOLUTION);
        }
        return Optional.empty();
    }

    /** Every layer of the network by name, in network order (a graph's in topological order). */
    public static Map<String, Layer> byName(Model model) {
        Layer[] layers = model instanceof MultiLayerNetwork net ? net.getLayers()
                : model instanceof ComputationGraph graph ? graph.getLayers() : new Layer[0];
        Map<String, Layer> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.length; i++) {
            String name = layers[i].conf().getLayer().getLayerName();
            named.put(name == null ? "layer" + i : name, layers[i]);
        }
        return named;
    }

    /** The layers spectral normalisation applies to, by name in network order: what {@code spectralNorm: true} means. */
    public static Map<String, WeightLayout> weightLayers(Model model) {
        Map<String, WeightLayout> weights = new LinkedHashMap<>();
        byName(model).forEach((name, layer) -> layoutOf(layer.conf().getLayer())
                .ifPresent(layout -> weights.put(name, layout)));
        return weights;
    }

    /**
     * Why spectral normalisation cannot apply to layer {@code name} of {@code model}, or empty if it can: the layer is
     * missing (the message lists the layers it can apply to) or of another type.
     */
    public static Optional<String> problem(Model model, String name) {
        Layer layer = byName(model).get(name);
        if (layer == null) {
            return Optional.of("the network has no layer '" + name + "'; spectral normalisation applies to its layers "
                    + String.join(", ", weightLayers(model).keySet()));
        }
        if (layoutOf(layer.conf().getLayer()).isEmpty()) {
            return Optional.of("layer '" + name + "' is of type " + layer.conf().getLayer().getClass().getSimpleName()
                    + "; spectral normalisation applies to " + SUPPORTED + " weights");
        }
        return Optional.empty();
    }
}
