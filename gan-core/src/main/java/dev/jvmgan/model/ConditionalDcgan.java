package dev.jvmgan.model;

import dev.jvmgan.conditional.ClassAffineVertex;
import dev.jvmgan.conditional.ProjectionVertex;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

import java.util.List;

/**
 * The class-conditional DCGAN ({@code model.conditional: true}), as two-input graphs (main input, one-hot labels y):
 * <ul>
 *   <li>G with batch norm: every {@code bn<i>} is conditional batch norm, StudioGAN's
 *       {@code ConditionalBatchNorm2d}: batch norm without its own affine, then {@code cbn<i>} =
 *       x * (1 + gain<i>(y)) + shift<i>(y) ({@link ClassAffineVertex}); gain and shift are dense layers without
 *       bias on y, i.e. a learned gain and bias per class and channel. The class enters where the normalisation is,
 *       at every stage, as in SNGAN/BigGAN's generators.</li>
 *   <li>G without batch norm has nowhere for a per-class affine: {@code zy} = concat(z, y) feeds fc1 (one-hot
 *       concatenation, Mirza &amp; Osindero 2014).</li>
 *   <li>D: the projection discriminator (Miyato &amp; Koyama 2018): the unconditional D's stages give features h
 *       ({@code features}, flattened), {@code logit} = psi(h) is the unconditional D's dense layer, {@code embed} =
 *       onehot(y) V, and the output {@code projection} = psi(h) + &lt;embed, h&gt; ({@link ProjectionVertex}).
 *       With ACGAN's auxiliary classifier ({@code model.auxClassifier}), {@code classes} = a dense layer of K units
 *       on h, and the output {@code outputs} = [projection, classes], [B, 1 + K].</li>
 * </ul>
 * Layer names are the unconditional DCGAN's ({@link NetworkFactory}) plus {@code gain<i>}, {@code shift<i>},
 * {@code embed}; batch norm layers have no gamma and beta.
 */
final class ConditionalDcgan {
    static final String LATENTS = "latents";
    static final String IMAGES = "images";
    static final String LABELS = "labels";
    private static final int STRIDE = 2;

    private ConditionalDcgan() {
    }

    static ComputationGraph build(ArchitectureContext context) {
        GraphBuilder graph = context.defaults().graphBuilder();
        String main = context.role() == NetworkRole.GENERATOR ? LATENTS : IMAGES;
        graph.addInputs(main, LABELS).setInputTypes(context.inputType(), context.labelInputType());
        String output = context.role() == NetworkRole.GENERATOR
                ? addGenerator(graph, context, LATENTS, LABELS, "")
                : addDiscriminator(graph, context, IMAGES, LABELS, "");
        graph.setOutputs(output);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /**
     * Adds G's vertices, each name prefixed by {@code prefix}, on the given latent and label vertices; returns the
     * name of its output (tests build G and D as one graph from these).
     */
    static String addGenerator(GraphBuilder graph, ArchitectureContext context, String latents, String labels,
                               String prefix) {
        List<Integer> widths = context.widths();
        int stages = widths.size();
        boolean cbn = context.batchNorm();
        long side = context.image().size() >> stages;
        long startUnits = side * side * widths.get(0);
        String in = latents;
        if (!cbn) {
            graph.addVertex(prefix + "zy", new MergeVertex(), latents, labels);
            in = prefix + "zy";
        }
        graph.addLayer(prefix + "fc1", LayerStack.dense("fc1", startUnits), in);
        String last = closeStage(graph, context, prefix, 1, prefix + "fc1", labels, startUnits);
        for (int i = 1; i < stages; i++) {
            int stage = i + 1;
            String name = prefix + "deconv" + stage;
            if (i == 1) {
                graph.addLayer(name, Dcgan.deconv("deconv" + stage, widths.get(i)),
                        new FeedForwardToCnnPreProcessor(side, side, widths.get(0)), last);
            } else {
                graph.addLayer(name, Dcgan.deconv("deconv" + stage, widths.get(i)), last);
            }
            side *= STRIDE;
            last = closeStage(graph, context, prefix, stage, name, labels, widths.get(i), side, side);
        }
        String outWeights = prefix + "deconv" + (stages + 1);
        if (stages == 1) {
            graph.addLayer(outWeights, Dcgan.deconv("deconv2", context.image().channels()),
                    new FeedForwardToCnnPreProcessor(side, side, widths.get(0)), last);
        } else {
            graph.addLayer(outWeights, Dcgan.deconv("deconv" + (stages + 1), context.image().channels()), last);
        }
        graph.addLayer(prefix + "out", new ActivationLayer.Builder().activation(Activation.TANH).build(), outWeights);
        return prefix + "out";
    }

    /** [bn, gain, shift, cbn] -> act; returns the activation's name. */
    private static String closeStage(GraphBuilder graph, ArchitectureContext context, String prefix, int stage,
                                     String in, String labels, long... shape) {
        String last = in;
        if (context.batchNorm()) {
            long channels = shape[0];
            graph.addLayer(prefix + "bn" + stage, new BatchNormalization.Builder().activation(Activation.IDENTITY)
                    .lockGammaBeta(true).gamma(1).beta(0).build(), in);
            graph.addLayer(prefix + "gain" + stage, classDense(channels), labels);
            graph.addLayer(prefix + "shift" + stage, classDense(channels), labels);
            graph.addVertex(prefix + "cbn" + stage, new ClassAffineVertex(), prefix + "bn" + stage,
                    prefix + "gain" + stage, prefix + "shift" + stage);
            last = prefix + "cbn" + stage;
        }
        graph.addLayer(prefix + "act" + stage, context.activationLayer("act" + stage, shape), last);
        return prefix + "act" + stage;
    }

    /**
     * Adds D's vertices, each name prefixed by {@code prefix}, on the given image and label vertices; returns the
     * name of its output.
     */
    static String addDiscriminator(GraphBuilder graph, ArchitectureContext context, String images, String labels,
                                   String prefix) {
        List<Integer> widths = context.widths();
        long side = context.image().size();
        String last = images;
        for (int i = 0; i < widths.size(); i++) {
            side /= STRIDE;
            int stage = i + 1;
            String conv = prefix + "conv" + stage;
            graph.addLayer(conv, Dcgan.conv("conv" + stage, widths.get(i)), last);
            last = conv;
            // As the unconditional DCGAN: no batch norm on D's first stage (Radford et al., sec. 3).
            if (context.batchNorm() && i > 0) {
                graph.addLayer(prefix + "bn" + stage, new BatchNormalization.Builder()
                        .activation(Activation.IDENTITY).build(), last);
                last = prefix + "bn" + stage;
            }
            graph.addLayer(prefix + "act" + stage, context.activationLayer("act" + stage, widths.get(i), side, side),
                    last);
            last = prefix + "act" + stage;
        }
        long channels = widths.get(widths.size() - 1);
        long features = channels * side * side;
        graph.addVertex(prefix + "features", new PreprocessorVertex(
                new CnnToFeedForwardPreProcessor(side, side, channels)), last);
        graph.addLayer(prefix + "logit", LayerStack.dense("logit", 1), prefix + "features");
        graph.addLayer(prefix + "embed", classDense(features), labels);
        graph.addVertex(prefix + "projection", new ProjectionVertex(), prefix + "logit", prefix + "features",
                prefix + "embed");
        if (context.outputs() == 1) {
            return prefix + "projection";
        }
        // ACGAN's auxiliary classifier: K class logits from the same features, after the adversarial output.
        graph.addLayer(prefix + "classes", LayerStack.dense("classes", context.outputs() - 1L), prefix + "features");
        graph.addVertex(prefix + "outputs", new MergeVertex(), prefix + "projection", prefix + "classes");
        return prefix + "outputs";
    }

    /** One weight row per class (a dense layer without bias on one-hot labels is an embedding). */
    private static DenseLayer classDense(long units) {
        return new DenseLayer.Builder().nOut(units).hasBias(false).activation(Activation.IDENTITY).build();
    }
}
