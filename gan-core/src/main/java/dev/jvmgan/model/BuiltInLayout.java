package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.config.NetworkConfig;
import java.util.List;

/** A built-in architecture's layer layout for either network, and which configs it cannot build. */
interface BuiltInLayout {

    /** The name configs use, e.g. {@code dcgan}. */
    String name();

    /** Problems that make {@code net} unbuildable for {@code imageSize}; empty if it builds. */
    List<Violation> check(NetworkRole role, NetworkConfig net, int imageSize);

    /** Adds the generator's layers: input [B, latentDim], output images in [-1, 1]. */
    void addGenerator(LayerStack stack, NetworkConfig net, int latentDim, ImageShape image);

    /**
     * Adds the discriminator's layers: input NCHW images, output {@code [B, outputs]}: the adversarial logit, and with
     * ACGAN's auxiliary classifier the class logits after it ({@link ArchitectureContext#outputs()}).
     */
    void addDiscriminator(LayerStack stack, NetworkConfig net, ImageShape image, int outputs);
}
