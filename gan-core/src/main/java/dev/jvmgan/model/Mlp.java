package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.config.NetworkConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.Activation;

/** Fully connected networks (Goodfellow et al. 2014): any image size; the generator's output is flat. */
final class Mlp implements BuiltInLayout {
    static final String NAME = "mlp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(NetworkRole role, NetworkConfig net, int imageSize) {
        return List.of();
    }

    /** z -> (fc_i -> [bn_i] -> act_i)* -> fc_last (C*S*S) -> out (tanh). */
    @Override
    public void addGenerator(LayerStack stack, NetworkConfig net, int latentDim, ImageShape image) {
        int stage = addHidden(stack, net, net.batchNorm());
        stack.add(LayerStack.dense("fc" + stage, image.pixels()));
        stack.add(new ActivationLayer.Builder().activation(Activation.TANH).name("out").build());
    }

    /**
     * (flattened by the input type) -> (fc_i -> [bn_i] -> act_i)* -> logit (dense 1, identity; 1 + K units with the
     * auxiliary classifier).
     */
    @Override
    public void addDiscriminator(LayerStack stack, NetworkConfig net, ImageShape image, int outputs) {
        addHidden(stack, net, net.batchNorm());
        stack.add(LayerStack.dense("logit", outputs));
    }

    /** Returns the number of the next stage. */
    private static int addHidden(LayerStack stack, NetworkConfig net, boolean batchNorm) {
        int stage = 1;
        for (int units : net.widths()) {
            stack.add(LayerStack.dense("fc" + stage, units)).closeStage(stage, batchNorm, units);
            stage++;
        }
        return stage;
    }
}
