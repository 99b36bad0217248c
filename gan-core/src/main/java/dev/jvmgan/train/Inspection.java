package dev.jvmgan.train;

import dev.jvmgan.backend.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * A close look at one iteration, taken only when a listener asks for it ({@link TrainingListener#wantsInspection}):
 * everything the monitors need, copied out of the networks so it stays valid after the iteration. Maps are by
 * layer name ({@code act2}) or {@code layer/param} ({@code conv2/W}); with k discriminator steps per generator
 * step, the discriminator figures are from the last one, and from its first D update ({@code Dmain} or
 * {@code Dboth}; a lazy {@code Dreg} comes after). D's batches are as D sees them, T(x) and T(G(z)), after any
 * augmentation and instance noise.
 *
 * @param dInputsOnReal  each D layer's input on the real batch (for an activation layer: its pre-activation)
 * @param dInputsOnFake  each D layer's input on the fake batch of the discriminator step
 * @param gInputs        each G layer's input on this iteration's latents
 * @param dGradients     D's summed gradient of its update (real and fake passes, and a penalty's in Dboth)
 * @param dLossDReal     dL_D/dT(x), D's loss's gradient with respect to the real batch it saw
 * @param dLossDFake     dL_G/dG(z): the signal the generator learns from, through D and T
 * @param realLogits     D's outputs on T(x)
 * @param fakeLogits     D's outputs on T(G(z)) in the D step
 *
 * <p>The loop frees every array of an inspection ({@link #release}) once the listeners have seen it, so the copies
 * (tens of MB for the reference DCGAN, more at 64x64) go back at once, not when the garbage collector gets to them.
 */
public record Inspection(long iteration,
                         Map<String, INDArray> dInputsOnReal, Map<String, INDArray> dInputsOnFake,
                         Map<String, INDArray> gInputs,
                         Map<String, INDArray> dGradients, Map<String, INDArray> dParamsBefore,
                         Map<String, INDArray> dParamsAfter,
                         Map<String, INDArray> gGradients, Map<String, INDArray> gParamsBefore,
                         Map<String, INDArray> gParamsAfter,
                         INDArray dLossDReal, INDArray dLossDFake, INDArray realLogits, INDArray fakeLogits) {

    /** Frees every array of this inspection; after the listeners, as {@link TrainingListener#inspected} says. */
    void release() {
        for (Map<String, INDArray> arrays : List.of(dInputsOnReal, dInputsOnFake, gInputs, dGradients, dParamsBefore,
                dParamsAfter, gGradients, gParamsBefore, gParamsAfter)) {
            Buffers.release(arrays.values());
        }
        Buffers.release(dLossDReal, dLossDFake, realLogits, fakeLogits);
    }

    /** Deep copies, so the arrays outlive the networks' next passes. */
    static Map<String, INDArray> copy(Map<String, INDArray> arrays) {
        Map<String, INDArray> copies = new java.util.LinkedHashMap<>();
        arrays.forEach((k, v) -> copies.put(k, v.dup()));
        return java.util.Collections.unmodifiableMap(copies);
    }
}
