package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;

/**
 * The toolkit's own architectures, registered through {@code META-INF/services} like any user's: one layer
 * layout ({@link BuiltInLayout}) serves both roles, built as a {@code MultiLayerNetwork} by {@link LayerStack}.
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
        LayerStack stack = new LayerStack(context);
        if (context.role() == NetworkRole.GENERATOR) {
            layout.addGenerator(stack, context.network(), context.latentDim(), context.image());
        } else {
            layout.addDiscriminator(stack, context.network(), context.image());
        }
        return stack.build(context.inputType());
    }
}
