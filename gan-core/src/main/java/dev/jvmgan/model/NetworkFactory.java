package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule;
import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.DidYouMean;
import dev.jvmgan.spectral.SpectralLayers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
    /**
     * The number of classes config-time checks build a conditional network with, before the data is read: shapes do
     * not depend on it, and the run builds with the data's own count.
     */
    public static final int PROBE_CLASSES = 2;

    private NetworkFactory() {
    }

    /**
     * The network of {@code role} as its configured architecture builds it, initialised: a
     * {@code MultiLayerNetwork} or a {@code ComputationGraph}. Config problems (unknown name, parameters the
     * architecture does not take, sizes it cannot build) are thrown as one {@code IllegalArgumentException} of
     * {@code key: message} lines; the config loader reports the same problems with lines through {@link #rule()}.
     */
    public static Model create(NetworkRole role, ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                               long seed, DataType dataType) {
        return create(role, model, optimizer, image, seed, dataType, 0);
    }

    /**
     * {@link #create(NetworkRole, ModelConfig, OptimizerConfig, ImageShape, long, DataType)} for a model
     * conditioned on {@code numClasses} classes ({@code model.conditional: true}); 0 for an unconditional one.
     */
    public static Model create(NetworkRole role, ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                               long seed, DataType dataType, int numClasses) {
        ArchitectureContext context = new ArchitectureContext(role, model, optimizer(optimizer), image, seed, dataType,
                numClasses);
        Architecture architecture;
        try {
            architecture = Architectures.find(role, context.network().architecture());
        } catch (ArchitectureException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Violation> problems = problems(architecture, context);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream()
                    .map(v -> v.key() + ": " + v.message()).collect(Collectors.joining("\n")));
        }
        Model network = architecture.build(context);
        if (network instanceof MultiLayerNetwork mln) {
            mln.init(); // a no-op if the architecture already did
        } else if (network instanceof ComputationGraph graph) {
            graph.init();
        } else {
            throw new IllegalArgumentException(role.key() + ".architecture: " + context.network().architecture()
                    + " built a " + (network == null ? "null" : network.getClass().getName())
                    + "; an architecture must return a MultiLayerNetwork or a ComputationGraph");
        }
        return network;
    }

    /**
     * The layers of {@code network} (built for {@code role} by {@link #create}) whose weights are spectrally
     * normalised: every dense, convolution and deconvolution layer with {@code model.<network>.spectralNorm: true},
     * plus those its architecture names ({@link Architecture#spectralNormLayers}); in network order.
     *
     * @throws IllegalArgumentException {@code model.<network>.architecture: ...} when the architecture names a layer
     *                                  the network lacks or one of another type
     */
    public static Set<String> spectralNormLayers(NetworkRole role, ModelConfig model, OptimizerConfig optimizer,
                                                 ImageShape image, long seed, Model network) {
        ArchitectureContext context = new ArchitectureContext(role, model, optimizer, image, seed,
                network.params().dataType(), role.conditional(model) ? PROBE_CLASSES : 0);
        Set<String> asked = new TreeSet<>(Architectures.find(role, context.network().architecture())
                .spectralNormLayers(context));
        List<String> problems = new ArrayList<>();
        for (String layer : asked) {
            Optional<String> problem = SpectralLayers.problem(network, layer);
            problem.ifPresent(p -> problems.add(role.key() + ".architecture: " + context.network().architecture()
                    + " asks for spectral normalisation of a layer it did not build as such: " + p));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        Set<String> layers = new LinkedHashSet<>();
        for (String layer : SpectralLayers.weightLayers(network).keySet()) {
            if (context.spectralNorm() || asked.contains(layer)) {
                layers.add(layer);
            }
        }
        return layers;
    }

    /** A generator whose architecture builds a {@code MultiLayerNetwork}, as the built-ins do. */
    public static MultiLayerNetwork generator(ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                                              long seed, DataType dataType) {
        return multiLayer(create(NetworkRole.GENERATOR, model, optimizer, image, seed, dataType));
    }

    /** A discriminator whose architecture builds a {@code MultiLayerNetwork}, as the built-ins do. */
    public static MultiLayerNetwork discriminator(ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                                                  long seed, DataType dataType) {
        return multiLayer(create(NetworkRole.DISCRIMINATOR, model, optimizer, image, seed, dataType));
    }

    private static MultiLayerNetwork multiLayer(Model network) {
        if (network instanceof MultiLayerNetwork mln) {
            return mln;
        }
        throw new IllegalArgumentException("this architecture builds a " + network.getClass().getSimpleName()
                + ", not a MultiLayerNetwork; use NetworkFactory.create");
    }

    /**
     * The config loader's rule for both networks: names that resolve (unknown ones list the known), parameters
     * each architecture takes (with did-you-mean), what each architecture's own check finds (e.g. image sizes a
     * dcgan cannot reach), and, when a network is not built in, that G's images fit D's input and D gives one
     * logit per sample. Keys: {@code model.<net>.architecture}, {@code model.<net>.params.<key>},
     * {@code data.imageSize}; messages do not repeat the key.
     */
    public static ConfigRule rule() {
        return config -> {
            List<Violation> problems = new ArrayList<>();
            ImageShape image = new ImageShape(config.data().channels(), config.data().imageSize());
            boolean allBuiltIn = true;
            for (NetworkRole role : NetworkRole.values()) {
                ArchitectureContext context = context(config, role, image);
                try {
                    Architecture architecture = Architectures.find(role, context.network().architecture());
                    problems.addAll(problems(architecture, context));
                    allBuiltIn &= architecture instanceof BuiltInArchitecture;
                } catch (ArchitectureException e) {
                    problems.add(new Violation(e.key(), e.problem()));
                }
            }
            if (problems.isEmpty() && !allBuiltIn) {
                problems.addAll(ShapeCheck.check(config, image));
            }
            return problems;
        };
    }

    static ArchitectureContext context(RunConfig config, NetworkRole role, ImageShape image) {
        OptimizerConfig optimizer = role == NetworkRole.GENERATOR ? config.train().g() : config.train().d();
        return new ArchitectureContext(role, config.model(), optimizer, image, config.train().seed(), DataType.FLOAT,
                role.conditional(config.model()) ? PROBE_CLASSES : 0);
    }

    /** The registered architecture names for a role, built-ins first. */
    public static List<String> architectures(NetworkRole role) {
        return Architectures.names(role);
    }

    /** Parameters the architecture does not take, then its own check. */
    private static List<Violation> problems(Architecture architecture, ArchitectureContext context) {
        Set<String> taken = architecture.parameters();
        String name = context.network().architecture();
        List<Violation> problems = new ArrayList<>();
        for (String key : context.network().params().keySet()) {
            if (!taken.contains(key)) {
                problems.add(new Violation(context.key() + ".params." + key, taken.isEmpty()
                        ? name + " takes no params; delete this key"
                        : "not a parameter of " + name + DidYouMean.hint(key, taken) + "; it takes: "
                                + String.join(", ", new TreeSet<>(taken))));
            }
        }
        if (problems.isEmpty()) {
            try {
                problems.addAll(architecture.check(context));
            } catch (ArchitectureException e) {
                problems.add(new Violation(e.key(), e.problem()));
            }
        }
        return problems;
    }

    /** OptimizerConfig accepts its TYPES; should that list grow, this must not silently build Adam. */
    private static OptimizerConfig optimizer(OptimizerConfig optimizer) {
        if (!"adam".equals(optimizer.type())) {
            throw new IllegalArgumentException("optimizer type '" + optimizer.type() + "': only adam is supported");
        }
        return optimizer;
    }
}
