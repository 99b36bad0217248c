package dev.jvmgan.augment;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A random, differentiable transform of the images D sees, applied alike to real and generated batches (each call
 * draws its own random parameters). G learns through it: a generator step reads
 * <pre>{@code
 * Transformed seen = transform.apply(fake, iteration);
 * INDArray dLossDSeen = d.inputGradient(loss.generator(d.forward(seen.images())).dLogits());
 * g.backward(seen.backward(dLossDSeen));
 * }</pre>
 * so the loop needs no branch for "augmentation on or off": {@link #identity()} is the off switch.
 */
public interface InputTransform {

    /**
     * Transforms a batch [B, C, H, W] (or any shape a transform accepts), drawing this call's random parameters.
     *
     * @param iteration the training iteration about to run (0 for the first): for transforms annealed over time
     */
    Transformed apply(INDArray images, long iteration);

    /** This transform, then {@code next} on its output; the backward pass runs in reverse. */
    default InputTransform andThen(InputTransform next) {
        InputTransform first = this;
        return (images, iteration) -> {
            Transformed a = first.apply(images, iteration);
            Transformed b = next.apply(a.images(), iteration);
            return new Transformed() {
                @Override
                public INDArray images() {
                    return b.images();
                }

                @Override
                public INDArray backward(INDArray dLossDOutput) {
                    return a.backward(b.backward(dLossDOutput));
                }
            };
        };
    }

    /** No transform: the images as given, the gradient as given. */
    static InputTransform identity() {
        return (images, iteration) -> new Transformed() {
            @Override
            public INDArray images() {
                return images;
            }

            @Override
            public INDArray backward(INDArray dLossDOutput) {
                return dLossDOutput;
            }
        };
    }
}
