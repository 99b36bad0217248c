package dev.jvmgan.testarch;

import dev.jvmgan.model.ArchitectureContext;
import dev.jvmgan.model.Architecture;
import dev.jvmgan.model.NetworkRole;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A user-style residual discriminator as a ComputationGraph, only in the test sources:
 * image -> conv1 (stride 2) -> act1 -> conv2 (same size) -> act2 -> add(act1, act2) -> logit.
 * {@code params.logits} other than 1 provokes the one-logit-per-sample check; {@code params.spectral}, layer names
 * separated by commas, are spectrally normalised.
 */
public final class TinyResidualDiscriminator implements Architecture {
    @Override
    public String name() {
        return "tiny-residual";
    }

    @Override
    public Set<NetworkRole> roles() {
        return Set.of(NetworkRole.DISCRIMINATOR);
    }

    @Override
    public Set<String> parameters() {
        return Set.of("channels", "logits", "spectral");
    }

    @Override
    public Set<String> spectralNormLayers(ArchitectureContext context) {
        String names = context.params().text("spectral", "");
        return names.isEmpty() ? Set.of() : Set.of(names.split(","));
    }

    @Override
    public Model build(ArchitectureContext context) {
        int channels = context.params().integer("channels", 4);
        int logits = context.params().integer("logits", 1);
        long half = context.image().size() / 2;
        ComputationGraphConfiguration conf = context.defaults().graphBuilder()
                .addInputs("image")
                .setInputTypes(context.inputType())
                .addLayer("conv1", new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(channels)
                        .build(), "image")
                .addLayer("act1", context.activationLayer("act1", channels, half, half), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(channels)
                        .build(), "act1")
                .addLayer("act2", context.activationLayer("act2", channels, half, half), "conv2")
                .addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "act1", "act2")
                .addLayer("logit", new DenseLayer.Builder().nOut(logits).build(), "residual")
                .setOutputs("logit")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
