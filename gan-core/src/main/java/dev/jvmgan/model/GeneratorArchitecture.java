package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;

/**
 * A generator architecture: builds the DL4J network that maps latent vectors to images.
 *
 * <p>Register an implementation with {@code java.util.ServiceLoader} (a line with its class name in
 * {@code META-INF/services/dev.jvmgan.model.GeneratorArchitecture}) and configs can name it,
 * {@code model.generator.architecture: my-generator}; or name the class itself. The built-in {@code dcgan} and
 * {@code mlp} are registered the same way.
 *
 * <p>The network: input {@code [B, latentDim]}; output images in [-1, 1] as {@code [B, C, S, S]} (NCHW) or flat
 * {@code [B, C*S*S]}, with C and S from {@link ArchitectureContext#image()}; no OutputLayer or LossLayer (the loop
 * computes the loss). A {@code MultiLayerNetwork} or a single-input, single-output {@code ComputationGraph}, initialised
 * or not. Build it from {@link ArchitectureContext#defaults()} so that the run's optimiser, seed and weight
 * initialisation apply. Shapes are checked before training: a mismatch is a config error, not a stack trace.
 */
public interface GeneratorArchitecture {

    /** The name configs use, e.g. {@code resnet-small}: letters, digits, '-' and '_', matched ignoring case. */
    String name();

    /** The keys this architecture reads from {@code params:}; any other key is a config error. */
    default Set<String> parameters() {
        return Set.of();
    }

    /** Config problems found without building, keyed by dotted config key (e.g. {@code data.imageSize}). */
    default List<Violation> check(ArchitectureContext context) {
        return List.of();
    }

    /** Builds the generator; throw {@link ArchitectureException} (via {@code context.params().problem}) for bad params. */
    Model build(ArchitectureContext context);
}
