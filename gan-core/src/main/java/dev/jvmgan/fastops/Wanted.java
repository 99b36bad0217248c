package dev.jvmgan.fastops;

/**
 * Which gradients a layer's backward pass must produce. DL4J's computes both; the seam often needs one: a
 * discriminator's input gradient for the generator's step (or a penalty) has no use for D's parameter gradients, and
 * D's pass on generated images none for dL/dx of its first layer. A layer that can skip the other then does
 * ({@link ConvolutionBackward}); every other layer computes both, as before.
 */
public enum Wanted {
    /** dL/dx and the parameter gradients, as DL4J's {@code backpropGradient}. */
    ALL,
    /** dL/dx alone: the layer's gradient views may keep what they held. */
    INPUT,
    /** The parameter gradients alone: dL/dx may come back null. */
    PARAMETERS;

    /** Whether dL/dx is to be computed. */
    public boolean input() {
        return this != PARAMETERS;
    }

    /** Whether the parameter gradients are to be computed. */
    public boolean parameters() {
        return this != INPUT;
    }
}
