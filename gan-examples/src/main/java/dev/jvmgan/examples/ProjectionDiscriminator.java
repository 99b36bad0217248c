package dev.jvmgan.examples;

import dev.jvmgan.conditional.ProjectionVertex;
import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.model.Architecture;
import dev.jvmgan.model.ArchitectureContext;
import dev.jvmgan.model.NetworkRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * A class-conditional discriminator as a plug-in {@code ComputationGraph}, registered as {@code resnet-projection}:
 * the body of {@link ResidualDiscriminator} with a projection head (Miyato &amp; Koyama 2018),
 * <pre>
 *   image  -> resnet-small's body -> act_down -> features (flattened h) -> logit = psi(h)
 *   labels -> embed (dense, no bias: one row per class)                     |
 *   projection = psi(h) + &lt;embed(y), h&gt;    (gan-core's ProjectionVertex)   &lt;-+
 * </pre>
 * It follows the plug-in convention for conditional graphs: two inputs, the images first and the one-hot labels
 * {@code [B, K]} second ({@link ArchitectureContext#labelInputType()}), K from {@link ArchitectureContext#numClasses()}.
 * It takes the same {@code params} as {@code resnet-small} ({@code blocks}, {@code channels}) and needs
 * {@code model.conditional: true}; the unconditional network is {@code resnet-small} itself. With
 * {@code model.auxClassifier} (ACGAN) it also outputs {@link ArchitectureContext#outputs()} - 1 class logits from h,
 * which sees the image alone, merged after the projection: {@code [B, 1 + K]}.
 */
public final class ProjectionDiscriminator implements Architecture {
    @Override
    public String name() {
        return "resnet-projection";
    }

    @Override
    public Set<NetworkRole> roles() {
        return Set.of(NetworkRole.DISCRIMINATOR);
    }

    @Override
    public Set<String> parameters() {
        return Set.of("blocks", "channels");
    }

    @Override
    public List<Violation> check(ArchitectureContext context) {
        List<Violation> problems = new ArrayList<>(new ResidualDiscriminator().check(context));
        if (!context.conditional()) {
            problems.add(new Violation("model.discriminator.architecture", "resnet-projection is conditional: set "
                    + "model.conditional: true (labelled data), or use resnet-small for an unconditional D"));
        }
        return problems;
    }

    @Override
    public Model build(ArchitectureContext context) {
        GraphBuilder graph = context.defaults().graphBuilder()
                .addInputs("image", "labels")
                .setInputTypes(context.inputType(), context.labelInputType());
        String body = ResidualDiscriminator.addBody(context, graph, "image");
        long side = context.image().size() / 4;
        long channels = 2L * context.params().integer("channels", 32);
        long features = channels * side * side;
        // The projection needs h itself, not only psi(h): flatten once and feed both the logit and the product.
        graph.addVertex("features", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(side, side, channels)),
                        body)
                .addLayer("logit", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(),
                        "features")
                .addLayer("embed", new DenseLayer.Builder().nOut(features).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "labels")
                .addVertex("projection", new ProjectionVertex(), "logit", "features", "embed");
        if (context.outputs() == 1) {
            graph.setOutputs("projection");
        } else {
            // model.auxClassifier (ACGAN): K class logits from h alone, after the adversarial output.
            graph.addLayer("classes", new DenseLayer.Builder().nOut(context.outputs() - 1L)
                            .activation(Activation.IDENTITY).build(), "features")
                    .addVertex("outputs", new MergeVertex(), "projection", "classes")
                    .setOutputs("outputs");
        }
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }
}
