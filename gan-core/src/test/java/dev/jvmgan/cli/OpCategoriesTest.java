package dev.jvmgan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.cli.OpCategories.Category;
import dev.jvmgan.cli.OpCategories.Frame;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The call-path rules that put ND4J ops into the PyTorch peer's categories. */
class OpCategoriesTest {
    private static final String LAYERS = "org.deeplearning4j.nn.layers.";

    /** Frames innermost first, each "declaring.Class#method". */
    private static Stream<Frame> stack(String... frames) {
        return Arrays.stream(frames)
                .map(f -> new Frame(f.substring(0, f.indexOf('#')), f.substring(f.indexOf('#') + 1)));
    }

    @Test
    void theInnermostLayerOnTheStackDecidesAndBackpropMakesItBackward() {
        assertThat(OpCategories.classify("conv2d_bp", stack("org.nd4j.linalg.factory.Nd4j#exec",
                LAYERS + "mkldnn.MKLDNNConvHelper#backpropGradient",
                LAYERS + "convolution.ConvolutionLayer#backpropGradient", "dev.jvmgan.backend.ArenaPasses#backward")))
                .isEqualTo(Category.CONV_BACKWARD);
        assertThat(OpCategories.classify("conv2d", stack(LAYERS + "mkldnn.MKLDNNConvHelper#preOutput",
                LAYERS + "convolution.ConvolutionLayer#activate"))).isEqualTo(Category.CONV_FORWARD);
        // Deconvolution2DLayer inherits activate() from ConvolutionLayer: its own preOutput, inside, decides.
        assertThat(OpCategories.classify("deconv2d", stack(LAYERS + "convolution.Deconvolution2DLayer#preOutput",
                LAYERS + "convolution.ConvolutionLayer#activate"))).isEqualTo(Category.DECONV_FORWARD);
        assertThat(OpCategories.classify("deconv2d_bp",
                stack(LAYERS + "convolution.Deconvolution2DLayer#backpropGradient")))
                .isEqualTo(Category.DECONV_BACKWARD);
        // The toolkit's own transposed-convolution backward (ConvolutionBackward) issues the op outside DL4J's layer.
        assertThat(OpCategories.classify("deconv2d_bp", stack("org.nd4j.linalg.factory.Nd4j#exec",
                "dev.jvmgan.fastops.ConvolutionBackward#deconvolution",
                "dev.jvmgan.fastops.ConvolutionBackward#backprop",
                "dev.jvmgan.backend.ArenaPasses#backward"))).isEqualTo(Category.DECONV_BACKWARD);
        // A convolution's input gradient alone is a deconv2d op, but a convolution's backward pass.
        assertThat(OpCategories.classify("deconv2d", stack("org.nd4j.linalg.factory.Nd4j#exec",
                "dev.jvmgan.fastops.InputGradientConvolution#of", "dev.jvmgan.fastops.ConvolutionBackward#backprop",
                "dev.jvmgan.backend.ArenaPasses#backward"))).isEqualTo(Category.CONV_BACKWARD);
        assertThat(OpCategories.classify("mul_scalar", stack(LAYERS + "mkldnn.MKLDNNBatchNormHelper#preOutput",
                LAYERS + "normalization.BatchNormalization#preOutput"))).isEqualTo(Category.BATCH_NORM);
        assertThat(OpCategories.classify("matmul", stack("org.nd4j.linalg.api.ndarray.BaseNDArray#mmuli",
                LAYERS + "BaseLayer#preOutputWithPreNorm", LAYERS + "BaseLayer#activate"))).isEqualTo(Category.DENSE);
        // The toolkit's dense backward pass issues its matrix products outside DL4J's layer.
        assertThat(OpCategories.classify("matmul", stack("org.nd4j.linalg.factory.Nd4j#gemm",
                "dev.jvmgan.fastops.DenseBackward#backprop", "dev.jvmgan.fastops.ConvolutionBackward#backprop")))
                .isEqualTo(Category.DENSE);
    }

    @Test
    void activationFunctionsCountAsActivationsWhereverTheyRun() {
        assertThat(OpCategories.classify("multiply", stack("dev.jvmgan.model.LeakyReluActivation#backprop",
                LAYERS + "ActivationLayer#backpropGradient"))).isEqualTo(Category.ACTIVATIONS);
        assertThat(OpCategories.classify("tanh", stack("org.nd4j.linalg.activations.impl.ActivationTanH#getActivation",
                LAYERS + "ActivationLayer#activate"))).isEqualTo(Category.ACTIVATIONS);
        assertThat(OpCategories.classify("prelu", stack("dev.jvmgan.model.PReluLayer#activate")))
                .isEqualTo(Category.ACTIVATIONS);
        // The toolkit's own passes of an ActivationLayer (ND4J's relu ops, oneDNN's leaky ReLU) outside the layer.
        assertThat(OpCategories.classify("relu_bp", stack("org.nd4j.linalg.factory.Nd4j#exec",
                "dev.jvmgan.fastops.FastActivation#backward", "dev.jvmgan.backend.ArenaPasses#backward")))
                .isEqualTo(Category.ACTIVATIONS);
        assertThat(OpCategories.classify("onednn leaky ReLU forward", stack("dev.jvmgan.onednn.OneDnn#execute",
                "dev.jvmgan.fastops.LeakyReluPrimitives#forward", "dev.jvmgan.fastops.FastActivation#forward",
                "dev.jvmgan.backend.ArenaPasses#forward"))).isEqualTo(Category.ACTIVATIONS);
    }

    @Test
    void updatersAndTheToolkitsApplyUpdateAreTheOptimiser() {
        assertThat(OpCategories.classify("adam_updater", stack("org.nd4j.linalg.learning.AdamUpdater#applyUpdater",
                "org.deeplearning4j.nn.updater.BaseMultiLayerUpdater#update"))).isEqualTo(Category.OPTIMISER);
        assertThat(OpCategories.classify("subtract", stack("org.nd4j.linalg.api.ndarray.BaseNDArray#subi",
                "dev.jvmgan.backend.MultiLayerTrainable#applyUpdate", "dev.jvmgan.train.GanTrainer#update")))
                .isEqualTo(Category.OPTIMISER);
    }

    @Test
    void copiesAreCopiesInsideALayerTooAndUnclaimedOpsAreOther() {
        assertThat(OpCategories.classify("old_assign", stack("org.nd4j.linalg.api.ndarray.BaseNDArray#assign",
                LAYERS + "normalization.BatchNormalization#backpropGradient"))).isEqualTo(Category.COPIES);
        assertThat(OpCategories.classify("cast", stack("dev.jvmgan.train.BceWithLogits#gradient")))
                .isEqualTo(Category.COPIES);
        assertThat(OpCategories.classify("log", stack("dev.jvmgan.train.BceWithLogits#loss")))
                .isEqualTo(Category.LOSS);
        assertThat(OpCategories.classify("add", stack("org.nd4j.linalg.api.ndarray.BaseNDArray#addi",
                "dev.jvmgan.backend.PendingGradients#consolidated", "dev.jvmgan.train.GanTrainer#update")))
                .isEqualTo(Category.OTHER_OPS);
        assertThat(OpCategories.classify("distribution_gaussian", stack("dev.jvmgan.train.Latents#next")))
                .isEqualTo(Category.OTHER_OPS);
    }

    @Test
    void theToolkitsBf16TransposedConvolutionsAreDeconvolutions() {
        assertThat(OpCategories.classify("onednn reorder", stack("dev.jvmgan.onednn.OneDnn#execute",
                "dev.jvmgan.convolution.Operand#transfer", "dev.jvmgan.convolution.ConvolutionPrimitives#forward",
                "dev.jvmgan.convolution.OneDnnConvolutionHelper#transposedForward",
                "dev.jvmgan.convolution.OneDnnConvolutions#activate"))).isEqualTo(Category.DECONV_FORWARD);
        assertThat(OpCategories.classify("onednn deconvolution backward data", stack(
                "dev.jvmgan.onednn.OneDnn#execute", "dev.jvmgan.convolution.OneDnnConvolutionHelper#transposedBackward",
                "dev.jvmgan.fastops.ConvolutionBackward#backprop"))).isEqualTo(Category.DECONV_BACKWARD);
    }

    @Test
    void readsTheStackOnlyAsFarAsTheFirstFrameThatDecides() {
        Stream<Frame> frames = Stream.concat(stack(LAYERS + "convolution.ConvolutionLayer#activate"),
                Stream.generate(() -> {
                    throw new AssertionError("read past the deciding frame");
                }));

        assertThat(OpCategories.classify("conv2d", frames)).isEqualTo(Category.CONV_FORWARD);
    }
}
