package dev.jvmgan.model;

import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.config.NetworkConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;

/**
 * DCGAN (Radford et al. 2016): every stage doubles (generator) or halves (discriminator) the resolution with a
 * 4x4, stride 2, padding 1 (de)convolution, so an image side must be a multiple of 2^stages, at least 2 at the
 * smallest resolution.
 */
final class Dcgan implements BuiltInLayout {
    static final String NAME = "dcgan";
    private static final int KERNEL = 4;
    private static final int STRIDE = 2;
    private static final int PADDING = 1;
    private static final int MIN_SMALLEST_SIDE = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(NetworkRole role, NetworkConfig net, int imageSize) {
        int stages = net.widths().size();
        return reachable(imageSize, stages)
                ? List.of()
                : List.of(new Violation("data.imageSize", sizeMessage(role, imageSize, stages)));
    }

    static boolean reachable(int size, int stages) {
        if (stages >= 30) {
            return false;
        }
        int multiple = 1 << stages;
        return size % multiple == 0 && size / multiple >= MIN_SMALLEST_SIDE;
    }

    /** The rule, the numbers, the nearest sizes that work, and the other way out. */
    static String sizeMessage(NetworkRole role, int size, int stages) {
        boolean generator = role == NetworkRole.GENERATOR;
        String sampling = generator ? "up-sampling" : "down-sampling";
        String smallest = generator ? "start size" : "final size";
        StringBuilder m = new StringBuilder()
                .append(size).append(generator ? " cannot be reached by" : " cannot be taken by")
                .append(" the dcgan ").append(role.label()).append(": ")
                .append(stages).append(' ').append(sampling).append(stages == 1 ? " stage (" : " stages (")
                .append(role.key()).append(".widths has ").append(stages)
                .append(stages == 1 ? " entry) needs" : " entries) need");
        if (stages >= 30) {
            return m.append(" an image side of at least 2^").append(stages + 1).append("; change the number of widths")
                    .toString();
        }
        int multiple = 1 << stages;
        int smallestSize = MIN_SMALLEST_SIDE * multiple;
        m.append(" a multiple of ").append(multiple).append(" (").append(smallest).append(" >= ")
                .append(MIN_SMALLEST_SIDE).append("); sizes that work: ");
        int below = size / multiple * multiple;
        long above = Math.max((long) Math.ceil((double) size / multiple) * multiple, smallestSize);
        if (below >= smallestSize) {
            m.append(below).append(", ");
        }
        m.append(above).append("; or change the number of widths");
        int most = maxStages(size);
        if (most >= 1) {
            m.append(" (").append(size).append(" allows at most ").append(most).append(')');
        }
        return m.toString();
    }

    /** The most stages {@code size} allows: halvings that stay even and end at a side of at least 2. */
    static int maxStages(int size) {
        int stages = 0;
        while (reachable(size, stages + 1)) {
            stages++;
        }
        return stages;
    }

    /** z -> fc1 -> [bn1] -> act1 -> reshape -> (deconv_i -> [bn_i] -> act_i)* -> deconv_last -> out (tanh). */
    @Override
    public void addGenerator(LayerStack stack, NetworkConfig net, int latentDim, ImageShape image) {
        List<Integer> widths = net.widths();
        int stages = widths.size();
        long side = image.size() >> stages;
        long startUnits = side * side * widths.get(0);
        stack.add(LayerStack.dense("fc1", startUnits)).closeStage(1, net.batchNorm(), startUnits);
        stack.reshapeNext(new FeedForwardToCnnPreProcessor(side, side, widths.get(0)));
        for (int i = 1; i < stages; i++) {
            side *= STRIDE;
            int stage = i + 1;
            stack.add(deconv("deconv" + stage, widths.get(i)))
                    .closeStage(stage, net.batchNorm(), widths.get(i), side, side);
        }
        stack.add(deconv("deconv" + (stages + 1), image.channels()));
        stack.add(new ActivationLayer.Builder().activation(Activation.TANH).name("out").build());
    }

    /**
     * (conv_i -> [bn_i, not after conv1] -> act_i)* -> logit (dense 1, identity; 1 + K units with the auxiliary
     * classifier).
     */
    @Override
    public void addDiscriminator(LayerStack stack, NetworkConfig net, ImageShape image, int outputs) {
        long side = image.size();
        List<Integer> widths = net.widths();
        for (int i = 0; i < widths.size(); i++) {
            side /= STRIDE;
            int stage = i + 1;
            // Batch norm on every layer made samples oscillate; DCGAN leaves out D's input layer (Radford et al., sec. 3).
            stack.add(conv("conv" + stage, widths.get(i)))
                    .closeStage(stage, net.batchNorm() && i > 0, widths.get(i), side, side);
        }
        stack.add(LayerStack.dense("logit", outputs));
    }

    static ConvolutionLayer conv(String name, int channels) {
        return new ConvolutionLayer.Builder(KERNEL, KERNEL).stride(STRIDE, STRIDE).padding(PADDING, PADDING)
                .nOut(channels).activation(Activation.IDENTITY).dataFormat(CNN2DFormat.NCHW).name(name).build();
    }

    static Deconvolution2D deconv(String name, int channels) {
        return new Deconvolution2D.Builder().kernelSize(KERNEL, KERNEL).stride(STRIDE, STRIDE)
                .padding(PADDING, PADDING).nOut(channels).activation(Activation.IDENTITY)
                .dataFormat(CNN2DFormat.NCHW).name(name).build();
    }
}
