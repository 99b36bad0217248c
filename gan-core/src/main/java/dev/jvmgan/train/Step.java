package dev.jvmgan.train;

import dev.jvmgan.augment.Transformed;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.model.NetworkRole;

/**
 * One step of the loop, what all of its phases work on: a batch of real images x, a batch of generated images G(z),
 * and each as D sees it, T(x) and T(G(z)), through the run's {@link dev.jvmgan.augment.InputTransform} (DiffAugment,
 * instance noise, or the identity). A step is one D update; {@code dStepsPerGStep} steps make an iteration.
 *
 * @param number    D steps so far, this one included (1-based): a phase of interval k runs when number % k == 0
 * @param iteration the generator update this step leads to (1-based), for messages
 * @param g         the generator; its forward pass of G(z) is still open, so a phase can backpropagate through it
 * @param d         the discriminator
 * @param realSeen  T(x), with the transform's backward pass
 * @param fakeSeen  T(G(z)); G learns through {@code fakeSeen.backward(dLoss/dT(G(z)))}
 * @param realClasses the class of each real image, for a class-conditional D; null when D is unconditional
 * @param fakeClasses the class drawn for each generated image (G(z, y) when G is conditional), under which a
 *                    class-conditional D judges it; null when D is unconditional
 */
public record Step(long number, long iteration, TrainableNetwork g, TrainableNetwork d, Transformed realSeen,
                   Transformed fakeSeen, int[] realClasses, int[] fakeClasses) {

    /** An unconditional step. */
    public Step(long number, long iteration, TrainableNetwork g, TrainableNetwork d, Transformed realSeen,
                Transformed fakeSeen) {
        this(number, iteration, g, d, realSeen, fakeSeen, null, null);
    }

    /** The network a phase updates. */
    public TrainableNetwork network(NetworkRole role) {
        return role == NetworkRole.GENERATOR ? g : d;
    }
}
