package dev.jvmgan.model;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Everything an architecture needs to build one network of a run: the shapes it must fit, the network's section
 * of the config (widths, activation, batch norm, its own {@code params}), and the run's optimiser, seed and data
 * type, ready as DL4J objects.
 *
 * <pre>{@code
 * ComputationGraphConfiguration.GraphBuilder graph = context.defaults().graphBuilder()
 *         .addInputs("image")
 *         .setInputTypes(context.inputType());
 * graph.addLayer("act1", context.activationLayer("act1"), "conv1");   // the configured activation, as a layer
 * }</pre>
 */
public final class ArchitectureContext {
    /** Adam's epsilon, as in PyTorch. */
    public static final double ADAM_EPSILON = 1e-8;

    private final NetworkRole role;
    private final int latentDim;
    private final ImageShape image;
    private final NetworkConfig network;
    private final OptimizerConfig optimizer;
    private final long seed;
    private final DataType dataType;
    private final int numClasses;
    private final int outputs;

    /** An unconditional network's context ({@code model.conditional} must be off). */
    public ArchitectureContext(NetworkRole role, ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                               long seed, DataType dataType) {
        this(role, model, optimizer, image, seed, dataType, 0);
    }

    /**
     * @param numClasses the classes of the data a conditional network is conditioned on; 0 for an unconditional one
     * @throws IllegalArgumentException if the network's conditioning ({@link NetworkRole#conditional}) and
     *                                  {@code numClasses > 0} disagree
     */
    public ArchitectureContext(NetworkRole role, ModelConfig model, OptimizerConfig optimizer, ImageShape image,
                               long seed, DataType dataType, int numClasses) {
        if (role.conditional(model) != (numClasses > 0)) {
            throw new IllegalArgumentException(role.conditional(model)
                    ? role.key() + " is conditional and needs the data's number of classes, got " + numClasses
                    : "numClasses " + numClasses + " given, but " + role.key() + " is not conditional");
        }
        this.numClasses = numClasses;
        this.outputs = role == NetworkRole.DISCRIMINATOR && model.auxClassifier() > 0 ? 1 + numClasses : 1;
        this.role = role;
        this.latentDim = model.latentDim();
        this.image = image;
        this.network = role == NetworkRole.GENERATOR ? model.generator() : model.discriminator();
        this.optimizer = optimizer;
        this.seed = seed;
        this.dataType = dataType;
    }

    public NetworkRole role() {
        return role;
    }

    /** The network's config section, {@code model.generator} or {@code model.discriminator}. */
    public String key() {
        return role.key();
    }

    public int latentDim() {
        return latentDim;
    }

    /** The images G makes and D judges. */
    public ImageShape image() {
        return image;
    }

    /**
     * The number of classes a class-conditional network is conditioned on ({@link NetworkRole#conditional}); 0 when
     * it is not. A conditional network takes the labels beside its main input: a ComputationGraph as a second
     * input of type {@link #labelInputType()}, one-hot {@code [B, K]}; a MultiLayerNetwork appended to its one
     * input, as {@link #appendedInputType()} ({@code dev.jvmgan.backend.TrainableNetworks#of(Model, java.util.Set,
     * long, int)} spells the convention out).
     */
    public int numClasses() {
        return numClasses;
    }

    public boolean conditional() {
        return numClasses > 0;
    }

    /**
     * D's outputs per sample: 1, the adversarial output (a logit, margin or critic value, by the loss); with
     * {@code model.auxClassifier} (ACGAN), 1 + K: the adversarial output first, then one logit per class, whose
     * softmax is D's guess of the image's class. G's context says 1. A discriminator outputs {@code [batch,
     * outputs()]}.
     */
    public int outputs() {
        return outputs;
    }

    /** A conditional graph's second input: the one-hot labels, {@code feedForward(numClasses)}. */
    public InputType labelInputType() {
        return InputType.feedForward(numClasses);
    }

    /**
     * A MultiLayerNetwork's one input with the one-hot labels appended: G {@code feedForward(latentDim + K)}, D
     * {@code convolutional(S, S, C + K)}; {@link #inputType()} when unconditional.
     */
    public InputType appendedInputType() {
        return role == NetworkRole.GENERATOR
                ? InputType.feedForward(latentDim + numClasses)
                : InputType.convolutional(image.size(), image.size(), image.channels() + numClasses,
                CNN2DFormat.NCHW);
    }

    /** G: {@code feedForward(latentDim)}; D: {@code convolutional(S, S, C)}, NCHW: the main input. */
    public InputType inputType() {
        return role == NetworkRole.GENERATOR
                ? InputType.feedForward(latentDim)
                : InputType.convolutional(image.size(), image.size(), image.channels(), CNN2DFormat.NCHW);
    }

    /** The network's whole config section. */
    public NetworkConfig network() {
        return network;
    }

    public List<Integer> widths() {
        return network.widths();
    }

    public boolean batchNorm() {
        return network.batchNorm();
    }

    /**
     * {@code model.<network>.spectralNorm}: when true the toolkit normalises every dense and (de)convolution weight
     * of the built network itself, nothing for the architecture to do; see {@link Architecture#spectralNormLayers}
     * for some layers only.
     */
    public boolean spectralNorm() {
        return network.spectralNorm();
    }

    /** {@code model.<network>.params}, with typed reads. */
    public ArchitectureParams params() {
        return new ArchitectureParams(key() + ".params", network.params());
    }

    /** The run's optimiser for this network ({@code train.g} or {@code train.d}). */
    public IUpdater updater() {
        return new Adam(optimizer.lr(), optimizer.beta1(), optimizer.beta2(), ADAM_EPSILON);
    }

    /** N(0, initStd). */
    public IWeightInit weightInit() {
        return new WeightInitDistribution(new NormalDistribution(0, network.initStd()));
    }

    public long seed() {
        return seed;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The configured hidden activation as a DL4J function; PReLU has learned slopes: use {@link #activationLayer}. */
    public IActivation activation() {
        return Activations.of(network.activation());
    }

    /**
     * The configured hidden activation as a layer of its own, so that the monitors see its input (the
     * pre-activation): an {@code ActivationLayer}, or for PReLU a {@code PReLULayer} with one slope per channel
     * ({@code shape = {channels, h, w}}) or per unit ({@code {units}}), initialised to alpha.
     */
    public Layer activationLayer(String name, long... shape) {
        ActivationConfig activation = network.activation();
        if (activation.type() == ActivationType.PRELU && shape.length == 0) {
            throw new IllegalArgumentException("prelu needs the layer's input shape without the batch dimension, "
                    + "e.g. activationLayer(\"act1\", 64, 14, 14), to size its learned slopes");
        }
        return LayerStack.activationLayer(activation, name, shape);
    }

    /**
     * DL4J's network builder with the run's settings: seed, data type, Adam from {@code train.g}/{@code train.d},
     * N(0, initStd) weights, zero biases, identity activation unless a layer says otherwise (DL4J's own default is
     * sigmoid), {@code ConvolutionMode.Truncate}, workspaces on.
     */
    public NeuralNetConfiguration.Builder defaults() {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater())
                .weightInit(weightInit())
                .biasInit(0)
                .activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }
}
