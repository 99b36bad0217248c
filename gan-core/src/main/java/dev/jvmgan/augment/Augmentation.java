package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;

/**
 * One of DiffAugment's operations: draws its per-sample parameters for a batch, giving a {@link Step} that applies
 * them. Every operation here is affine in the image for fixed parameters, so its backward pass is the exact
 * transposed linear part.
 */
interface Augmentation {

    /** Draws the parameters of every sample of a batch of this shape (the values of {@code shape} are ignored). */
    Step draw(Images shape, RandomStream random);

    /** An augmentation with its parameters drawn: forward and backward work in place on the host array. */
    interface Step {
        void forward(Images images);

        /** Replaces dLoss/dOutput by dLoss/dInput. */
        void backward(Images gradient);
    }
}
