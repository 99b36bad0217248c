package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule;
import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.Architecture.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds initialised generator and discriminator networks from the config.
 *
 * <p>Both networks end without an OutputLayer or LossLayer: the training loop computes the loss itself and feeds
 * dLoss/dOutput to {@code backpropGradient}. Every hidden stage is {@code weights -> [batch norm] -> activation},
 * the activation being a layer of its own (an {@code ActivationLayer}, or a {@code PReLULayer} with one learned
 * slope per channel or unit, initialised to alpha), so the activation layer's input is the pre-activation.
 *
 * <p>Layer names, with i the stage number from 1:
 * <ul>
 *   <li>{@code fc<i>}, {@code conv<i>}, {@code deconv<i>}: the weights of stage i (identity activation)</li>
 *   <li>{@code bn<i>}: its batch norm, if any (a DCGAN discriminator has no {@code bn1})</li>
 *   <li>{@code act<i>}: its activation layer</li>
 *   <li>generator: the last weights layer is numbered after the hidden stages, then {@code out}, an
 *       {@code ActivationLayer} with tanh (kept apart so its input, the pre-tanh image, is observable too)</li>
 *   <li>discriminator: {@code logit}, a dense layer of 1 unit with identity activation (raw logits)</li>
 * </ul>
 * The reference DCGAN (widths [128, 64] / [64, 128], 1x28x28) is therefore
 * G: fc1, bn1, act1, deconv2, bn2, act2, deconv3, out and D: conv1, act1, conv2, bn2, act2, logit.
 *
 * <p>Shared settings: Adam(lr, beta1, beta2, 1e-8), no regularisation or gradient normalisation, weights
 * N(0, initStd), biases 0, batch norm gamma 1 beta 0 (DL4J defaults: eps 1e-5, decay 0.9 = PyTorch's momentum
 * 0.1), workspaces enabled for training and inference, {@code ConvolutionMode.Truncate} with explicit padding,
 * NCHW. {@code MultiLayerNetwork.init()} reseeds ND4J's global RNG with the seed, so one seed gives identical
 * parameters.
 *
 * <p>Note: in inference mode DL4J's activation and PReLU layers work in place on their input array, so
 * pre-activations are only preserved by training-mode forward passes.
 *
 * <pre>{@code
 * MultiLayerNetwork g = NetworkFactory.generator(model, train.g(), new ImageShape(1, 28), seed, DataType.FLOAT);
 * }</pre>
 */
public final class NetworkFactory {
    private static final Map<String, Architecture> ARCHITECTURES = registry(new Dcgan(), new Mlp());

    private NetworkFactory() {
    }

    /** Generator: input [B, latentDim], output images in [-1,1] as NCHW [B, C, S, S] (dcgan) or [B, C*S*S] (mlp; the caller reshapes). */
    public static MultiLayerNetwork generator(ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                                              long seed, DataType dataType) {
        NetworkConfig net = model.generator();
        LayerStack stack = new LayerStack(net, optimizer(optimizer), seed, dataType);
        architecture(Role.GENERATOR, net, image).addGenerator(stack, net, model.latentDim(), image);
        return stack.build(InputType.feedForward(model.latentDim()));
    }

    /** Discriminator: input NCHW [B, C, S, S], output [B, 1] raw logits (identity activation). */
    public static MultiLayerNetwork discriminator(ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                                                  long seed, DataType dataType) {
        NetworkConfig net = model.discriminator();
        LayerStack stack = new LayerStack(net, optimizer(optimizer), seed, dataType);
        architecture(Role.DISCRIMINATOR, net, image).addDiscriminator(stack, net, image);
        // Convolutional input type also for mlp: DL4J then inserts the flattening pre-processor itself.
        return stack.build(InputType.convolutional(image.size(), image.size(), image.channels(), CNN2DFormat.NCHW));
    }

    /**
     * Cross-field rule for the config loader: unknown architecture names (list the known ones), image sizes a dcgan
     * network cannot reach. Keys: {@code model.<net>.architecture}, {@code data.imageSize};
     * messages do not repeat the key. Value ranges (widths, initStd, activation parameters) are the config
     * records' to check. The builders throw the same problems as
     * {@code IllegalArgumentException("key: message")}.
     */
    public static ConfigRule rule() {
        return config -> {
            List<Violation> problems = new ArrayList<>();
            ModelConfig model = config.model();
            problems.addAll(check(Role.GENERATOR, model.generator(), config.data().imageSize()));
            problems.addAll(check(Role.DISCRIMINATOR, model.discriminator(), config.data().imageSize()));
            return problems;
        };
    }

    /** The registered architecture names, in registration order. */
    public static List<String> architectures() {
        return List.copyOf(ARCHITECTURES.keySet());
    }

    private static List<Violation> check(Role role, NetworkConfig net, int imageSize) {
        Architecture architecture = ARCHITECTURES.get(net.architecture());
        if (architecture == null) {
            return List.of(new Violation(role.key() + ".architecture", "unknown architecture '" + net.architecture()
                    + "'; known: " + String.join(", ", ARCHITECTURES.keySet())));
        }
        return architecture.check(role, net, imageSize);
    }

    /** The architecture, or an exception listing every problem as {@code key: message}. */
    private static Architecture architecture(Role role, NetworkConfig net, ImageShape image) {
        List<Violation> problems = check(role, net, image.size());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream()
                    .map(v -> v.key() + ": " + v.message()).collect(Collectors.joining("\n")));
        }
        return ARCHITECTURES.get(net.architecture());
    }

    /** OptimizerConfig accepts its TYPES; should that list grow, this must not silently build Adam. */
    private static OptimizerConfig optimizer(OptimizerConfig optimizer) {
        if (!"adam".equals(optimizer.type())) {
            throw new IllegalArgumentException("optimizer type '" + optimizer.type() + "': only adam is supported");
        }
        return optimizer;
    }

    private static Map<String, Architecture> registry(Architecture... architectures) {
        Map<String, Architecture> byName = new LinkedHashMap<>();
        for (Architecture a : architectures) {
            byName.put(a.name(), a);
        }
        return Collections.unmodifiableMap(byName); // keeps registration order for messages
    }
}
