package dev.jvmgan.examples;

import dev.jvmgan.config.ConfigRule.Violation;
import dev.jvmgan.model.ArchitectureContext;
import dev.jvmgan.model.Architecture;
import dev.jvmgan.model.NetworkRole;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/**
 * A generator that doubles the resolution by nearest-neighbour up-sampling and a 3x3 convolution instead of a
 * transposed convolution (Odena et al. 2016, "Deconvolution and checkerboard artifacts"), registered as
 * {@code upsample-conv}; a {@code MultiLayerNetwork}. With {@code widths: [128, 64]} and 28x28 images:
 * <pre>
 *   z -> fc1 (128x7x7) -> [bn1] -> act1 -> up2, conv2 (64x14x14) -> [bn2] -> act2 -> up3, conv3 (Cx28x28) -> tanh
 * </pre>
 * widths[0] is the channel count at the smallest resolution and each further width one doubling, as for dcgan.
 */
public final class UpsampleGenerator implements Architecture {
    @Override
    public String name() {
        return "upsample-conv";
    }

    @Override
    public Set<NetworkRole> roles() {
        return Set.of(NetworkRole.GENERATOR);
    }

    @Override
    public List<Violation> check(ArchitectureContext context) {
        int doublings = context.widths().size();
        int size = context.image().size();
        return size % (1 << doublings) == 0 && size >> doublings >= 2 ? List.of() : List.of(new Violation(
                "data.imageSize", "upsample-conv doubles the resolution " + doublings + " times (one per entry of "
                        + context.key() + ".widths), so the size must be a multiple of " + (1 << doublings)
                        + " and at least " + (2 << doublings) + ", not " + size));
    }

    @Override
    public Model build(ArchitectureContext context) {
        List<Integer> widths = context.widths();
        int start = context.image().size() >> widths.size();
        int channels = widths.get(0);
        ListBuilder list = context.defaults().list()
                .layer(new DenseLayer.Builder().nIn(context.latentDim()).nOut((long) channels * start * start)
                        .name("fc1").build());
        if (context.batchNorm()) {
            list.layer(new BatchNormalization.Builder().name("bn1").build());
        }
        list.layer(context.activationLayer("act1", (long) channels * start * start));
        list.inputPreProcessor(list.getLayerwise().size(), new FeedForwardToCnnPreProcessor(start, start, channels));
        int side = start;
        for (int stage = 2; stage <= widths.size() + 1; stage++) {
            boolean last = stage == widths.size() + 1;
            int out = last ? context.image().channels() : widths.get(stage - 1);
            side *= 2;
            list.layer(new Upsampling2D.Builder(2).name("up" + stage).build())
                    .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(out).name("conv" + stage).build());
            if (!last) {
                if (context.batchNorm()) {
                    list.layer(new BatchNormalization.Builder().name("bn" + stage).build());
                }
                list.layer(context.activationLayer("act" + stage, out, side, side));
            }
        }
        list.layer(new ActivationLayer.Builder().activation(Activation.TANH).name("out").build());
        MultiLayerNetwork network = new MultiLayerNetwork(list.setInputType(context.inputType()).build());
        network.init();
        return network;
    }
}
