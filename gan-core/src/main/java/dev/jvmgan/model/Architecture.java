package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;

/**
 * A network architecture: builds the DL4J network of a GAN's generator, its discriminator, or either.
 *
 * <p>Register an implementation with {@code java.util.ServiceLoader} (a line with its class name in
 * {@code META-INF/services/dev.jvmgan.model.Architecture}) and configs can name it,
 * {@code model.discriminator.architecture: resnet-small}; or name the class itself. The built-in {@code dcgan} and
 * {@code mlp} are registered the same way and build both networks.
 *
 * <p>{@link #build} is asked for one network at a time, {@link ArchitectureContext#role()} says which:
 * <ul>
 *   <li>generator: input {@code [B, latentDim]}; output images in [-1, 1] as {@code [B, C, S, S]} (NCHW) or flat
 *       {@code [B, C*S*S]}, with C and S from {@link ArchitectureContext#image()};</li>
 *   <li>discriminator: input images {@code [B, C, S, S]} (NCHW, values in [-1, 1]); output {@code [B, 1]} raw
 *       logits (identity activation, no sigmoid).</li>
 * </ul>
 * Either way: no OutputLayer or LossLayer (the loop computes the loss); a {@code MultiLayerNetwork} or a
 * single-input, single-output {@code ComputationGraph}, initialised or not. Build it from
 * {@link ArchitectureContext#defaults()} so that the run's optimiser, seed and weight initialisation apply. Shapes
 * are checked before training: a mismatch is a config error, not a stack trace.
 *
 * <pre>{@code
 * public final class TinyResidual implements Architecture {
 *     public String name() { return "tiny-residual"; }
 *     public Set<NetworkRole> roles() { return Set.of(NetworkRole.DISCRIMINATOR); }
 *     public Model build(ArchitectureContext context) { ... }
 * }
 * }</pre>
 */
public interface Architecture {

    /** The name configs use, e.g. {@code resnet-small}: letters, digits, '-' and '_', matched ignoring case. */
    String name();

    /** The networks it builds: {@link NetworkRole#GENERATOR}, {@link NetworkRole#DISCRIMINATOR} or both. */
    Set<NetworkRole> roles();

    /** The keys this architecture reads from {@code params:}; any other key is a config error. */
    default Set<String> parameters() {
        return Set.of();
    }

    /** Config problems found without building, keyed by dotted config key (e.g. {@code data.imageSize}). */
    default List<Violation> check(ArchitectureContext context) {
        return List.of();
    }

    /**
     * Builds the network of {@code context.role()}, one of {@link #roles()}; throw {@link ArchitectureException}
     * (via {@code context.params().problem}) for bad params.
     */
    Model build(ArchitectureContext context);

    /**
     * Layers of the network {@link #build} makes whose weights are spectrally normalised (Miyato et al. 2018) even
     * where {@code model.<network>.spectralNorm} is false: layer names (a graph's vertex names), each a
     * {@code DenseLayer}, {@code ConvolutionLayer} or {@code Deconvolution2D}. With {@code spectralNorm: true}
     * every such layer is normalised anyway, these included. None by default; for example, SN on a residual
     * discriminator's convolutions but not on its final dense layer, as a parameter of the architecture:
     * <pre>{@code
     * public Set<String> spectralNormLayers(ArchitectureContext context) {
     *     return context.params().bool("spectralConvs", false) ? Set.of("conv1", "block1a", "block1b") : Set.of();
     * }
     * }</pre>
     * A name the built network lacks, or a layer of another type, stops the run before training with a message
     * naming it.
     */
    default Set<String> spectralNormLayers(ArchitectureContext context) {
        return Set.of();
    }
}
