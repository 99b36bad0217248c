package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.config.RunConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Before any training: builds both networks and runs two samples through them, so that a generator whose
 * images D cannot take, or a discriminator that does not give one logit per sample, is a config error naming
 * both shapes and the keys involved, instead of a stack trace at the first iteration. A network with settings the
 * training loop cannot honour as DL4J's {@code fit} would ({@link FitSettings}) is a config error too.
 */
final class ShapeCheck {
    private static final int PROBE_BATCH = 2;

    private ShapeCheck() {
    }

    static List<Violation> check(RunConfig config, ImageShape image) {
        String gKey = NetworkRole.GENERATOR.key() + ".architecture";
        String dKey = NetworkRole.DISCRIMINATOR.key() + ".architecture";
        String gName = config.model().generator().architecture();
        String dName = config.model().discriminator().architecture();
        Model g;
        Model d;
        try {
            g = build(config, NetworkRole.GENERATOR, image);
        } catch (ArchitectureException e) {
            return List.of(new Violation(e.key(), e.problem()));
        } catch (RuntimeException e) {
            return List.of(new Violation(gKey, gName + " failed to build: " + firstLine(e)));
        }
        try {
            d = build(config, NetworkRole.DISCRIMINATOR, image);
        } catch (ArchitectureException e) {
            return List.of(new Violation(e.key(), e.problem()));
        } catch (RuntimeException e) {
            return List.of(new Violation(dKey, dName + " failed to build: " + firstLine(e)));
        }
        String images = image.channels() + "x" + image.size() + "x" + image.size();
        String imageKeys = "data.channels: " + image.channels() + ", data.imageSize: " + image.size();
        for (Object[] net : new Object[][] {{g, gKey, gName}, {d, dKey, dName}}) {
            if (endsInOutputLayer((Model) net[0])) {
                return List.of(new Violation((String) net[1], net[2] + " ends in an OutputLayer or LossLayer; end it "
                        + "in an ordinary layer (the training loop computes the loss)"));
            }
        }
        List<Violation> refused = new ArrayList<>();
        for (Object[] net : new Object[][] {{g, gKey, gName}, {d, dKey, dName}}) {
            FitSettings.refused((Model) net[0]).forEach(problem ->
                    refused.add(new Violation((String) net[1], net[2] + ": " + problem)));
        }
        if (!refused.isEmpty()) {
            return refused;
        }

        INDArray z = Nd4j.randn(DataType.FLOAT, PROBE_BATCH, config.model().latentDim());
        int gClasses = NetworkRole.GENERATOR.conditional(config.model()) ? NetworkFactory.PROBE_CLASSES : 0;
        int dClasses = NetworkRole.DISCRIMINATOR.conditional(config.model()) ? NetworkFactory.PROBE_CLASSES : 0;
        INDArray made;
        try {
            made = output(g, z, gClasses);
        } catch (RuntimeException e) {
            return List.of(new Violation(gKey, gName + " cannot take latent vectors of size "
                    + config.model().latentDim() + " (model.latentDim): " + firstLine(e)));
        }
        long[] madeShape = Arrays.copyOfRange(made.shape(), 1, made.rank());
        boolean flat = made.rank() == 2 && made.size(1) == image.channels() * (long) image.size() * image.size();
        boolean nchw = Arrays.equals(madeShape, new long[] {image.channels(), image.size(), image.size()});
        if (made.size(0) != PROBE_BATCH || !(flat || nchw)) {
            return List.of(new Violation(gKey, gName + " makes images of shape " + shape(madeShape)
                    + " per sample, but the discriminator (" + dKey + ": " + dName + ") takes " + images + " ("
                    + imageKeys + "); make the generator output " + images + " (or " + image.channels()
                    * image.size() * image.size() + " values, flat), or change data.channels/data.imageSize"));
        }

        INDArray logits;
        try {
            logits = output(d, Nd4j.zeros(DataType.FLOAT, PROBE_BATCH, image.channels(), image.size(), image.size()),
                    dClasses);
        } catch (RuntimeException e) {
            return List.of(new Violation(dKey, dName + " cannot take the generator's " + images + " images ("
                    + gKey + ": " + gName + "; " + imageKeys + "): " + firstLine(e)));
        }
        int outputs = config.model().auxClassifier() > 0 ? 1 + dClasses : 1;
        boolean rightCount = logits.size(0) == PROBE_BATCH && logits.length() == (long) PROBE_BATCH * outputs
                && (outputs == 1 || logits.rank() == 2);
        if (!rightCount) {
            return List.of(new Violation(dKey, dName + " outputs " + shape(logits.shape()) + " for a batch of "
                    + PROBE_BATCH + " images of " + images + "; " + (outputs == 1 ? "a discriminator must output one"
                    + " raw logit per sample, [batch, 1]: end it in a dense layer of 1 unit with identity activation"
                    : "with model.auxClassifier a discriminator outputs its logit and then one logit per class, [batch,"
                    + " 1 + K] (here K = " + dClasses + "): end it in a dense layer of ArchitectureContext.outputs()"
                    + " units with identity activation")));
        }
        return List.of();
    }

    private static Model build(RunConfig config, NetworkRole role, ImageShape image) {
        ArchitectureContext c = NetworkFactory.context(config, role, image);
        return NetworkFactory.create(role, config.model(), role == NetworkRole.GENERATOR ? config.train().g()
                : config.train().d(), image, c.seed(), c.dataType(), c.numClasses());
    }

    /** The network's output for {@code input} and, if conditional, class 0 for every sample (by the seam's convention). */
    private static INDArray output(Model net, INDArray input, int numClasses) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, input.size(0), numClasses);
        if (numClasses > 0) {
            labels.getColumn(0).assign(1);
        }
        if (net instanceof MultiLayerNetwork mln) {
            if (numClasses > 0) {
                input = input.rank() == 4
                        ? Nd4j.concat(1, input, labels.reshape(input.size(0), numClasses, 1, 1)
                                .repeat(2, input.size(2)).repeat(3, input.size(3)))
                        : Nd4j.concat(1, input, labels);
            }
            return mln.output(input, false);
        }
        ComputationGraph graph = (ComputationGraph) net;
        int inputs = numClasses > 0 ? 2 : 1;
        if (graph.getNumInputArrays() != inputs || graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("a ComputationGraph behind the loop needs exactly " + (inputs == 1
                    ? "one input" : "two inputs (the main one, then the one-hot labels: model.conditional is on)")
                    + " and one output; this one has " + graph.getNumInputArrays() + " and "
                    + graph.getNumOutputArrays());
        }
        return numClasses > 0 ? graph.output(false, input, labels)[0] : graph.outputSingle(false, input);
    }

    private static boolean endsInOutputLayer(Model net) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.getOutputLayer() instanceof IOutputLayer;
        }
        ComputationGraph graph = (ComputationGraph) net;
        for (String output : graph.getConfiguration().getNetworkOutputs()) {
            Layer layer = graph.getLayer(output);
            if (layer instanceof IOutputLayer) {
                return true;
            }
        }
        return false;
    }

    private static String shape(long[] dims) {
        StringBuilder s = new StringBuilder();
        for (long dim : dims) {
            s.append(s.length() == 0 ? "" : "x").append(dim);
        }
        return s.length() == 0 ? "a scalar" : s.toString();
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
