package dev.jvmgan.loss;

/** What a loss's {@link LossTerm#meanOutput()} is, and so what the monitors' D(x) and D(G(z)) mean. */
public enum OutputScale {
    /** The mean of sigmoid(D's logit): D's probability that the image is real, in (0, 1). */
    PROBABILITY,
    /**
     * The mean of D's raw output: a regression value (least squares), a margin (hinge) or a critic score
     * (Wasserstein); not a probability, not bounded, and for a critic meaningful only as a difference.
     */
    RAW
}
