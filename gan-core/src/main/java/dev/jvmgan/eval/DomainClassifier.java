package dev.jvmgan.eval;

import dev.jvmgan.backend.Buffers;
import dev.jvmgan.backend.FixedThreads;
import dev.jvmgan.model.LeakyReluActivation;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The feature network for quality scores when no ImageNet Inception weights can be had: a small convolutional
 * classifier trained on the domain's own images, as TF-GAN's MNIST evaluation does, whose penultimate layer (128
 * units) gives the features that {@link FrechetDistance}, {@link KernelDistance} and {@link PrecisionRecall} compare.
 * Layers: per stage a 3x3 convolution (32, 64, then 128 channels), Leaky ReLU 0.2 and 2x2 max pooling, stages until
 * the side is at most 8; then dense 128 with Leaky ReLU (the features); then softmax over the classes. Adam 1e-3,
 * batch 128, trained with DL4J's own {@code fit}: this network is not part of a GAN, so the seam does not apply.
 *
 * <p>A score is only comparable to another under the same network: {@link #hash()} (SHA-256 of the configuration
 * and the trained parameters) names it, and every score records it. Training runs on a fixed number of native
 * threads ({@link Settings#threads()}, {@link FixedThreads}) whatever the process's {@code OMP_NUM_THREADS}: on the
 * CPU backend the weights depend on the thread count, and without the pin one build trained two different networks
 * on one dataset under one and two threads.
 */
public final class DomainClassifier {
    static final int FEATURES = 128;
    private static final Logger LOG = LoggerFactory.getLogger(DomainClassifier.class);
    private static final int BATCH = 128;
    private static final int FEATURE_BATCH = 256;
    private final MultiLayerNetwork network;
    private final int featureLayer;
    private final double heldOutAccuracy;
    private final String hash;

    private DomainClassifier(MultiLayerNetwork network, int featureLayer, double heldOutAccuracy) {
        this.network = network;
        this.featureLayer = featureLayer;
        this.heldOutAccuracy = heldOutAccuracy;
        this.hash = hashOf(network);
    }

    /**
     * Training settings; {@code heldOut} is the share of images kept out of training to measure accuracy,
     * {@code threads} the native threads it trains on (part of the cache key, since it shapes the weights).
     */
    public record Settings(int epochs, double heldOut, long seed, int threads) {
        /** The native threads a feature network trains on unless told otherwise: this project's two cores. */
        public static final int TRAINING_THREADS = 2;
        public static final Settings DEFAULT = new Settings(4, 0.1, 20261201L);

        public Settings {
            if (epochs < 1 || !(heldOut > 0 && heldOut < 1) || threads < 1) {
                throw new IllegalArgumentException("epochs and threads must be >= 1 and heldOut in (0, 1), got "
                        + epochs + ", " + threads + " and " + heldOut);
            }
        }

        /** Settings that train on {@link #TRAINING_THREADS} threads. */
        public Settings(int epochs, double heldOut, long seed) {
            this(epochs, heldOut, seed, TRAINING_THREADS);
        }

        /** How many of {@code n} images are kept out of training: {@code max(1, round(n * heldOut))}. */
        public int heldOutCount(int n) {
            return Math.max(1, (int) Math.round(n * heldOut));
        }
    }

    /**
     * Trains a classifier of {@code images} (NCHW in [-1, 1]) into {@code classes} classes given by {@code labels}
     * (0 to classes - 1), keeping a seeded share of the images out of training to measure its accuracy.
     */
    public static DomainClassifier train(INDArray images, int[] labels, int classes, Settings settings) {
        return train(new ArrayImages(images), labels, classes, settings);
    }

    /** As {@link #train(INDArray, int[], int, Settings)}, reading the images a batch at a time. */
    public static DomainClassifier train(ImageSource images, int[] labels, int classes, Settings settings) {
        int n = images.count();
        if (labels.length != n || classes < 2) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " images, " + classes
                    + " classes (need one label per image and 2 or more classes)");
        }
        int[] order = permutation(n, new SplittableRandom(settings.seed()));
        int heldOut = settings.heldOutCount(n);
        int[] test = Arrays.copyOfRange(order, 0, heldOut);
        int[] trainSet = Arrays.copyOfRange(order, heldOut, n);
        MultiLayerNetwork net = build(images.channels(), images.imageSize(), classes, settings.seed());
        int featureLayer = net.getnLayers() - 2;
        SplittableRandom rng = new SplittableRandom(settings.seed() ^ 0x5EEDL);
        long started = System.nanoTime();
        try (FixedThreads pinned = FixedThreads.of(settings.threads())) {
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                int[] shuffled = shuffled(trainSet, rng);
                for (int start = 0; start < shuffled.length; start += BATCH) {
                    int[] batch = Arrays.copyOfRange(shuffled, start, Math.min(shuffled.length, start + BATCH));
                    net.fit(new DataSet(images.images(batch), oneHot(labels, batch, classes)));
                }
                LOG.info("feature network: epoch {}/{} done on {} images ({} s, {} threads)", epoch + 1,
                        settings.epochs(), trainSet.length, Math.round((System.nanoTime() - started) / 1e9),
                        settings.threads());
            }
            return new DomainClassifier(net, featureLayer, accuracy(net, images, labels, test));
        }
    }

    /** A trained network read back (from {@link ExtractorCache}), with the accuracy measured when it was trained. */
    static DomainClassifier loaded(MultiLayerNetwork network, double heldOutAccuracy) {
        return new DomainClassifier(network, network.getnLayers() - 2, heldOutAccuracy);
    }

    /** The penultimate layer's activations of {@code images}, one row of {@value #FEATURES} per image. */
    public double[][] features(INDArray images) {
        return features(new ArrayImages(images));
    }

    /** As {@link #features(INDArray)}, a batch of images at a time. */
    public double[][] features(ImageSource images) {
        double[][] out = new double[images.count()][];
        for (int start = 0; start < images.count(); start += FEATURE_BATCH) {
            int end = Math.min(images.count(), start + FEATURE_BATCH);
            INDArray batch = images.images(start, end).castTo(DataType.FLOAT);
            java.util.List<INDArray> activations = network.feedForwardToLayer(featureLayer, batch, false);
            INDArray layer = activations.get(featureLayer + 1);
            INDArray f = layer.castTo(DataType.DOUBLE);
            double[][] rows = f.toDoubleMatrix();
            System.arraycopy(rows, 0, out, start, rows.length);
            Buffers.releaseIfNot(layer, f);
            releaseActivations(activations);
        }
        return out;
    }

    /** Feature rows and the class the network gives each image (the arg max of its softmax). */
    public record Classified(double[][] features, int[] classes) {
    }

    /** {@link #features(ImageSource)} and each image's class, from one forward pass per batch. */
    public Classified classify(ImageSource images) {
        double[][] features = new double[images.count()][];
        int[] classes = new int[images.count()];
        int output = network.getnLayers() - 1;
        for (int start = 0; start < images.count(); start += FEATURE_BATCH) {
            int end = Math.min(images.count(), start + FEATURE_BATCH);
            INDArray batch = images.images(start, end).castTo(DataType.FLOAT);
            java.util.List<INDArray> activations = network.feedForwardToLayer(output, batch, false);
            INDArray layer = activations.get(featureLayer + 1);
            INDArray inDouble = layer.castTo(DataType.DOUBLE);
            double[][] rows = inDouble.toDoubleMatrix();
            System.arraycopy(rows, 0, features, start, rows.length);
            INDArray argMaxArray = activations.get(output + 1).argMax(1);
            int[] argMax = argMaxArray.toIntVector();
            System.arraycopy(argMax, 0, classes, start, argMax.length);
            Buffers.release(argMaxArray);
            Buffers.releaseIfNot(layer, inDouble);
            releaseActivations(activations);
        }
        return new Classified(features, classes);
    }

    /**
     * Frees the layer outputs of one batch (a 5,000-image score makes 40 batches of every layer's activations). Entry
     * 0 is the input, which is the image source's and stays; so does any output that is the input array itself.
     */
    private static void releaseActivations(java.util.List<INDArray> activations) {
        INDArray input = activations.get(0);
        for (INDArray activation : activations.subList(1, activations.size())) {
            if (activation != input) {
                Buffers.release(activation);
            }
        }
    }

    /** The share of held-out images classified right. */
    public double heldOutAccuracy() {
        return heldOutAccuracy;
    }

    /** SHA-256 of the configuration and trained parameters, hex; scores carry it. */
    public String hash() {
        return hash;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    static MultiLayerNetwork build(long channels, long size, int classes, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same).list();
        long side = size;
        int[] widths = {32, 64, 128};
        for (int stage = 0; stage < widths.length && (stage == 0 || side > 8); stage++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).nOut(widths[stage])
                    .activation(new LeakyReluActivation(0.2)).build());
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            side = (side + 1) / 2;
        }
        list.layer(new DenseLayer.Builder().nOut(FEATURES).activation(new LeakyReluActivation(0.2)).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutional(size, size, channels));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static double accuracy(MultiLayerNetwork net, ImageSource images, int[] labels, int[] subset) {
        int right = 0;
        for (int start = 0; start < subset.length; start += FEATURE_BATCH) {
            int[] batch = Arrays.copyOfRange(subset, start, Math.min(subset.length, start + FEATURE_BATCH));
            INDArray predicted = net.output(images.images(batch), false).argMax(1);
            for (int i = 0; i < batch.length; i++) {
                right += predicted.getInt(i) == labels[batch[i]] ? 1 : 0;
            }
        }
        return (double) right / subset.length;
    }

    private static INDArray oneHot(int[] labels, int[] index, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, index.length, classes);
        for (int i = 0; i < index.length; i++) {
            y.putScalar(i, labels[index[i]], 1.0);
        }
        return y;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return shuffled(order, rng);
    }

    private static int[] shuffled(int[] values, SplittableRandom rng) {
        int[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static String hashOf(MultiLayerNetwork net) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(net.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
            float[] params = net.params().castTo(DataType.FLOAT).dup().data().asFloat();
            ByteBuffer bytes = ByteBuffer.allocate(4 * params.length);
            bytes.asFloatBuffer().put(params);
            sha.update(bytes.array());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
