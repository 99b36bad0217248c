package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;

/**
 * The toolkit's own architectures, registered through {@code META-INF/services} like any user's: one layer
 * layout ({@link BuiltInLayout}) serves both roles, built as a {@code MultiLayerNetwork} by {@link LayerStack};
 * class-conditional, a dcgan is a two-input graph ({@link ConditionalDcgan}) and an mlp takes the one-hot labels
 * appended to its input (an MLP's first layer sees every input anyway: concatenation is all it needs).
 */
public abstract class BuiltInArchitecture implements Architecture {
    private final BuiltInLayout layout;

    BuiltInArchitecture(BuiltInLayout layout) {
        this.layout = layout;
    }

    @Override
    public String name() {
        return layout.name();
    }

    @Override
    public Set<NetworkRole> roles() {
        return EnumSet.allOf(NetworkRole.class);
    }

    /** Built-ins are configured by widths, activation, batchNorm and initStd; they take no {@code params}. */
    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public List<Violation> check(ArchitectureContext context) {
        return layout.check(context.role(), context.network(), context.image().size());
    }

    @Override
    public Model build(ArchitectureContext context) {
        if (context.conditional() && layout instanceof Dcgan) {
            return ConditionalDcgan.build(context);
        }
        LayerStack stack = new LayerStack(context);
        if (context.role() == NetworkRole.GENERATOR) {
            layout.addGenerator(stack, context.network(), context.latentDim(), context.image());
        } else {
            layout.addDiscriminator(stack, context.network(), context.image(), context.outputs());
        }
        // A conditional MLP is a MultiLayerNetwork: it takes the one-hot labels appended to its input.
        return stack.build(context.appendedInputType());
    }
}
