package dev.jvmgan.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * A GAN loss as three terms over D's outputs ("logits"; one per image, or any shape, averaged over all entries):
 * D minimises {@code discriminatorOnReal(D(x)) + discriminatorOnFake(D(G(z)))}, G minimises
 * {@code generator(D(G(z)))}. Each term returns its mean, its gradient for {@code backward}, and the figure the
 * monitors show, so a D step reads
 * <pre>{@code
 * LossTerm onReal = loss.discriminatorOnReal(d.forward(real));
 * d.backward(onReal.dLogits());
 * LossTerm onFake = loss.discriminatorOnFake(d.forward(fake));
 * d.backward(onFake.dLogits());
 * }</pre>
 * and the loop has no branch per loss. Implementations are immutable and compute in double on the host (a batch
 * of outputs is a few hundred numbers); {@code dLogits} has the outputs' data type.
 *
 * <p>The label convention is {@link dev.jvmgan.train.Labels}': a larger output means "more real" in every loss.
 */
public interface GanLoss {

    /** The loss's name in configs: {@code ns}, {@code minimax}, {@code lsgan}, {@code hinge} or {@code wgan}. */
    String name();

    /** D's loss on the outputs for real images. */
    LossTerm discriminatorOnReal(INDArray realLogits);

    /** D's loss on the outputs for generated images. */
    LossTerm discriminatorOnFake(INDArray fakeLogits);

    /** G's loss on D's outputs for generated images. */
    LossTerm generator(INDArray fakeLogits);

    /**
     * D's loss on real images of the given classes: {@link #discriminatorOnReal(INDArray)}, which ignores them,
     * unless the loss also judges D's class outputs ({@link AuxiliaryClassifier}). {@code classes} is null for an
     * unconditional run.
     */
    default LossTerm discriminatorOnReal(INDArray outputs, int[] classes) {
        return discriminatorOnReal(outputs);
    }

    /** D's loss on generated images made as the given classes; as {@link #discriminatorOnReal(INDArray, int[])}. */
    default LossTerm discriminatorOnFake(INDArray outputs, int[] classes) {
        return discriminatorOnFake(outputs);
    }

    /** G's loss on D's outputs for images made as the given classes; as {@link #discriminatorOnReal(INDArray, int[])}. */
    default LossTerm generator(INDArray outputs, int[] classes) {
        return generator(outputs);
    }

    /**
     * The adversarial outputs among D's outputs, the ones the monitors show: all of them, unless D also outputs
     * class logits ({@link AuxiliaryClassifier}: the first column).
     */
    default INDArray adversarial(INDArray outputs) {
        return outputs;
    }

    /** What {@link LossTerm#meanOutput()} is: a probability or a raw output. */
    OutputScale outputScale();

    /**
     * The {@code d-overpowering} alert's thresholds that fit this loss, on its {@link #outputScale()}; empty where
     * absolute levels of D's output carry no such meaning (a Wasserstein critic).
     */
    Optional<OverpowerThresholds> overpowering();
}
