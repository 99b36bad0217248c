package dev.jvmgan.backend;

import dev.jvmgan.spectral.SpectralNorm;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Optional;

/**
 * The narrow seam between the training loop and DL4J: one network that can run forward, send a loss gradient
 * backward, and take an optimiser step. The loop never touches DL4J mechanics (workspaces, gradient views,
 * updaters) directly, so a generator step reads
 * {@code G.backward(D.inputGradient(loss.dLogits(D.forward(G.forward(z)))))}.
 *
 * <p>Contract, the same for a {@code MultiLayerNetwork} and a {@code ComputationGraph}:
 * <ul>
 *   <li>{@link #backward} and {@link #inputGradient} use the activations of the most recent {@link #forward} of
 *       the same network, and use them up: each needs a forward pass of its own (as in DL4J's {@code fit}, where a
 *       dropout mask or a noisy weight belongs to one forward/backward pair), and {@link #output} in between ends
 *       the forward pass. Otherwise they throw {@link IllegalStateException}.</li>
 *   <li>Parameter gradients of several {@code backward} calls are summed until {@link #applyUpdate};
 *       {@link #inputGradient} leaves parameters, pending gradients and optimiser state alone, and refuses to run
 *       while gradients are pending.</li>
 *   <li>{@link #applyUpdate} is the update DL4J's {@code fit} would make with those gradients: the network's
 *       gradient normalisation, l1, l2 and weight decay, updater, step function and constraints all apply, and
 *       weight noise and DropConnect draw new weights for every forward pass.</li>
 *   <li>The output of {@link #forward} (and {@link #layerInputs()}) may live in memory the network reuses: it is
 *       valid until the same network's next {@code forward}; {@code dup()} what must live longer. Every other
 *       array returned is the caller's.</li>
 *   <li>Spectrally normalised layers ({@link #spectralNorms()}) compute with W_SN = W_orig / sigma and learn W_orig:
 *       a training {@link #forward} runs one power iteration (none while {@link #holdPowerIteration held}),
 *       {@link #output} none; {@link #backward} adds dL/dW_orig (the gradient through sigma, u and v constant, as
 *       {@code torch.nn.utils.spectral_norm}) to the pending gradients, so the optimiser's state is W_orig's.
 *       Outside a forward pass (from the end of its backward pass, {@code inputGradient} or {@code output}) the
 *       parameters hold W_orig, which {@link #model()} saves; between {@code forward} and its backward pass they
 *       hold W_SN, the weight that pass used.</li>
 * </ul>
 * <p>Class-conditional networks take one class label per example beside their main input (image or latent);
 * {@link ClassInput} says how each kind of DL4J network is fed them.
 * Not thread-safe.
 */
public interface TrainableNetwork {

    /** Training-mode forward pass (batch norm on batch statistics); keeps what {@link #backward} needs. */
    default INDArray forward(INDArray input) {
        return forward(input, null);
    }

    /** Inference-mode forward pass (batch norm on running statistics); keeps nothing. */
    default INDArray output(INDArray input) {
        return output(input, null);
    }

    /**
     * {@link #forward(INDArray)} of a class-conditional network: {@code classes[b]} in [0, {@link #numClasses()})
     * is example b's class; null for a network that is not conditional. {@link #backward} and
     * {@link #inputGradient} then return the gradient of the main input alone: labels are not differentiated.
     *
     * @throws IllegalArgumentException for labels missing, out of range, of another batch size, or given to an
     *                                  unconditional network
     */
    INDArray forward(INDArray input, int[] classes);

    /** {@link #output(INDArray)} of a class-conditional network; {@code classes} as in {@link #forward(INDArray, int[])}. */
    INDArray output(INDArray input, int[] classes);

    /** The number of classes the network is conditioned on; 0 when it is not class-conditional. */
    int numClasses();

    /**
     * This network with its class labels fixed, for code that knows nothing of classes (a gradient penalty's
     * passes): its {@code forward(x)} is {@code forward(x, classes)}, everything else this network's own.
     * This network itself when {@code classes} is null.
     */
    default TrainableNetwork given(int[] classes) {
        return classes == null ? this : new GivenClasses(this, classes);
    }

    /**
     * Backpropagates dLoss/dOutput of the last forward pass, adds the parameter gradients to those pending, and
     * returns dLoss/dInput. dLoss/dOutput is the gradient of a mean over the batch, as the loop's losses are.
     */
    INDArray backward(INDArray lossGradient);

    /**
     * {@link #backward} for a caller with no use for dLoss/dInput (a discriminator's pass on generated images): the
     * same pending parameter gradients, and the network may skip computing the input gradient (a first convolution
     * then runs its weight-gradient pass alone).
     */
    default void backwardParameters(INDArray lossGradient) {
        Buffers.release(backward(lossGradient));
    }

    /**
     * dLoss/dInput for dLoss/dOutput of the last forward pass, without touching parameters, pending gradients or
     * optimiser state: how the generator learns through a discriminator that must not learn from that loss.
     */
    INDArray inputGradient(INDArray lossGradient);

    /** One optimiser step with the summed pending gradients (which are then cleared). */
    void applyUpdate();

    /**
     * The power iterations of the spectrally normalised layers, by layer name in network order; empty for a network
     * without. Live: a checkpoint saves their {@code state()}, a resume {@code restore}s it.
     */
    Map<String, SpectralNorm> spectralNorms();

    /**
     * Holds (true) or resumes (false) the power iteration of every spectrally normalised layer: while held, a
     * training {@link #forward} computes sigma from the u and v kept from the last unheld one, as {@link #output}
     * does, while batch norm and everything else stay in training mode. For passes that must see one and the same
     * network, such as a gradient penalty's two perturbed passes, {@code d.holdPowerIteration(true); ...passes...;
     * d.holdPowerIteration(false)}; torch, which differentiates the penalty instead of running those passes, runs
     * no power iteration for them either. A no-op without spectrally normalised layers.
     */
    void holdPowerIteration(boolean hold);

    /** Optimiser steps taken so far. */
    long updateCount();

    /** The flattened parameters (a live view: do not modify); W_orig for spectrally normalised layers at rest. */
    INDArray params();

    /**
     * The input of every layer in the last {@link #forward}, by layer name in network order (for a graph: layer
     * vertices by vertex name in topological order, each with the output of the vertex that feeds it): for an
     * activation layer, its pre-activation. The arrays are the network's own; copy what must outlive the next pass.
     */
    Map<String, INDArray> layerInputs();

    /** Copies of the summed pending gradients (what {@link #applyUpdate} would use), by {@code layer/param}. */
    Map<String, INDArray> pendingGradients();

    /** The parameters by {@code layer/param} (live views: do not modify). */
    Map<String, INDArray> parameterTable();

    /** Whether the summed pending gradients are all finite: one reduction, cheap enough for every update. */
    boolean gradientsFinite();

    /**
     * Where the first NaN or infinity is, if any: the pending gradients, the parameters, then the last forward
     * pass's layer inputs, e.g. {@code gradient conv2/W} or {@code input of act2}.
     */
    Optional<String> firstNonFinite();

    /**
     * Replaces the parameters (batch norm's running statistics among them), the optimiser's state and the update
     * count with those of {@code saved}, a network of the same architecture read from a checkpoint, so this network
     * goes on as that one would: a rollback to the best checkpoint. Learning rates stay this network's; spectral
     * norm's u and v are the checkpoint's to restore ({@code Checkpoint.restoreSpectralNorm}).
     *
     * @throws IllegalArgumentException if the two networks' parameters or optimiser state differ in length
     */
    void restoreFrom(TrainableNetwork saved);

    /**
     * Multiplies every layer's learning rate by {@code factor}, keeping the optimiser's state (Adam's moments): a
     * rollback's cooling. Goes into the model's configuration, so a checkpoint keeps it.
     */
    void scaleLearningRate(double factor);

    /**
     * Sets Adam's two moment decays in every layer, keeping its state: a resume whose config changed them. Goes into
     * the model's configuration, so a checkpoint keeps them.
     *
     * @throws IllegalArgumentException if a beta is outside [0, 1) or a layer's optimiser is not Adam
     */
    void setAdamBetas(double beta1, double beta2);

    /** Each layer's learning rate, by layer name in network order (layers without parameters left out). */
    Map<String, Double> learningRates();

    /** The DL4J model behind the seam (a MultiLayerNetwork or ComputationGraph), for serialisation and inspection. */
    org.deeplearning4j.nn.api.Model model();
}
