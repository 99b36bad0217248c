package dev.jvmgan.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One term of a GAN loss on one batch of D's outputs.
 *
 * @param loss       the term, a mean over the batch
 * @param dLogits    dLoss/dOutput, same shape and data type as the outputs; it includes the 1/n of the mean, so it
 *                   is what {@code backward} takes
 * @param meanOutput what the monitors show as D(x) or D(G(z)) for this batch: the mean probability of "real"
 *                   for losses on sigmoid outputs, the mean raw output otherwise (see {@link GanLoss#outputScale()})
 * @param classAccuracy with ACGAN's auxiliary classifier ({@link AuxiliaryClassifier}), the share of the batch whose
 *                   largest class logit is the image's class; NaN for a term without one
 */
public record LossTerm(double loss, INDArray dLogits, double meanOutput, double classAccuracy) {

    /** A term without class outputs. */
    public LossTerm(double loss, INDArray dLogits, double meanOutput) {
        this(loss, dLogits, meanOutput, Double.NaN);
    }
}
