package dev.jvmgan.examples;

import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.model.ArchitectureContext;
import dev.jvmgan.model.Architecture;
import dev.jvmgan.model.NetworkRole;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A small residual discriminator as a DL4J {@code ComputationGraph}, registered as {@code resnet-small}:
 * <pre>
 *   image -> stem (4x4 conv, stride 2) -> act0
 *         -> block i = 1..blocks:  conv3x3 -> [bn] -> act -> conv3x3 -> [bn] -> (+ block input) -> act
 *         -> down (4x4 conv, stride 2, 2x channels) -> [bn] -> act_down -> logit (dense, 1 unit)
 * </pre>
 * Its config: {@code params: {blocks: 2, channels: 32}}; the hidden activation, batch norm and weight init come
 * from the usual keys ({@code activation}, {@code batchNorm}, {@code initStd}); the optimiser from {@code train.d}.
 * Every activation is a layer of its own ({@link ArchitectureContext#activationLayer}), so the monitors show each.
 */
public final class ResidualDiscriminator implements Architecture {
    @Override
    public String name() {
        return "resnet-small";
    }

    @Override
    public Set<NetworkRole> roles() {
        return Set.of(NetworkRole.DISCRIMINATOR);
    }

    @Override
    public Set<String> parameters() {
        return Set.of("blocks", "channels");
    }

    @Override
    public List<Violation> check(ArchitectureContext context) {
        int size = context.image().size();
        return size % 4 == 0 && size >= 8 ? List.of() : List.of(new Violation("data.imageSize",
                "resnet-small halves the image twice: the size must be a multiple of 4 and at least 8, not " + size));
    }

    @Override
    public Model build(ArchitectureContext context) {
        GraphBuilder graph = context.defaults().graphBuilder()
                .addInputs("image")
                .setInputTypes(context.inputType());
        String body = addBody(context, graph, "image");
        graph.addLayer("logit", new DenseLayer.Builder().nOut(1).build(), body)
                .setOutputs("logit");
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /**
     * Adds everything but the logit on {@code input}, reading {@code blocks} and {@code channels} from the params;
     * returns the name of the last vertex, {@code act_down} ({@code 2 channels x S/4 x S/4}). Shared with
     * {@link ProjectionDiscriminator}, whose body this is.
     */
    static String addBody(ArchitectureContext context, GraphBuilder graph, String input) {
        int blocks = context.params().integer("blocks", 2);
        int channels = context.params().integer("channels", 32);
        if (blocks < 1 || blocks > 8) {
            throw context.params().problem("blocks", "must be 1..8, not " + blocks);
        }
        if (channels < 1 || channels > 1024) {
            throw context.params().problem("channels", "must be 1..1024, not " + channels);
        }
        long half = context.image().size() / 2;
        long quarter = half / 2;
        graph.addLayer("stem", conv(4, 2, 1, channels), input)
                .addLayer("act0", context.activationLayer("act0", channels, half, half), "stem");
        String in = "act0";
        for (int b = 1; b <= blocks; b++) {
            String p = "block" + b + "_";
            String first = stage(context, graph, p + "conv1", p + "bn1", in, channels);
            graph.addLayer(p + "act1", context.activationLayer(p + "act1", channels, half, half), first);
            String second = stage(context, graph, p + "conv2", p + "bn2", p + "act1", channels);
            graph.addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), second, in);
            graph.addLayer(p + "act2", context.activationLayer(p + "act2", channels, half, half), p + "add");
            in = p + "act2";
        }
        graph.addLayer("down", conv(4, 2, 1, 2 * channels), in);
        String down = "down";
        if (context.batchNorm()) {
            graph.addLayer("bn_down", new BatchNormalization.Builder().build(), "down");
            down = "bn_down";
        }
        graph.addLayer("act_down", context.activationLayer("act_down", 2 * channels, quarter, quarter), down);
        return "act_down";
    }

    /** A 3x3 same-size convolution, followed by batch norm if the config asks; returns the last vertex's name. */
    private static String stage(ArchitectureContext context, GraphBuilder graph, String conv, String bn, String input,
                                int channels) {
        graph.addLayer(conv, conv(3, 1, 1, channels), input);
        if (!context.batchNorm()) {
            return conv;
        }
        graph.addLayer(bn, new BatchNormalization.Builder().build(), conv);
        return bn;
    }

    private static ConvolutionLayer conv(int kernel, int stride, int padding, int channels) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                .nOut(channels).build();
    }
}
