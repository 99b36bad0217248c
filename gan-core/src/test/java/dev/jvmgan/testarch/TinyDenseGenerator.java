package dev.jvmgan.testarch;

import dev.jvmgan.model.ArchitectureContext;
import dev.jvmgan.model.Architecture;
import dev.jvmgan.model.NetworkRole;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/**
 * A user-style generator that lives only in the test sources and is registered through
 * {@code src/test/resources/META-INF/services}: latent -> dense(hidden) -> activation -> dense(C*S*S) -> tanh.
 * {@code params.side} makes it draw images of another size, to provoke a shape mismatch.
 */
public final class TinyDenseGenerator implements Architecture {
    @Override
    public String name() {
        return "tiny-dense";
    }

    @Override
    public Set<NetworkRole> roles() {
        return Set.of(NetworkRole.GENERATOR);
    }

    @Override
    public Set<String> parameters() {
        return Set.of("hidden", "side");
    }

    @Override
    public Model build(ArchitectureContext context) {
        int hidden = context.params().integer("hidden", 32);
        if (hidden < 1) {
            throw context.params().problem("hidden", "must be at least 1");
        }
        int side = context.params().integer("side", context.image().size());
        long pixels = (long) context.image().channels() * side * side;
        MultiLayerNetwork net = new MultiLayerNetwork(context.defaults().list()
                .layer(new DenseLayer.Builder().nIn(context.latentDim()).nOut(hidden).name("fc1").build())
                .layer(context.activationLayer("act1", hidden))
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(pixels).name("fc2").build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).name("out").build())
                .build());
        net.init();
        return net;
    }
}
