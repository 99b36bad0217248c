package dev.jvmgan.batchnorm;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Batch normalisation's running statistics recomputed as the average over many batches, BigGAN's "standing
 * statistics" (Brock et al. 2019, appendix; StudioGAN's {@code --standing_statistics}). Training keeps an exponential
 * average with decay 0.9, so a saved generator's statistics are those of its last ten or so batches, taken while its
 * weights still moved (and, for G's moving average, taken by G, not by the averaged weights). After K training-mode
 * passes of the network as it is now, layer by layer in network order:
 *
 * <pre>
 *   mean_c = (1/K) sum_k mean_k,c          var_c = (1/K) sum_k var_k,c
 * </pre>
 *
 * where mean_k,c and var_k,c are channel c's mean and biased variance over pass k's batch (and, after a convolution,
 * over its positions too), exactly the statistics the layer normalises that batch with in training mode; later layers
 * see inputs normalised with their batch's own statistics, as in training. The layer then keeps {@code mean} and
 * {@code var}, or {@code log10(sqrt(var))} where it stores the log of the standard deviation (DL4J's default). With
 * one pass, inference on that batch gives what the training-mode pass gave.
 */
public final class StandingStatistics {
    /** A channel that never varied stores log10 std -15, not -infinity (batch norm adds its eps of 1e-5 anyway). */
    private static final double MIN_VARIANCE = 1e-30;

    private StandingStatistics() {
    }

    /**
     * Runs {@code passes} training-mode forward passes ({@code trainingPass.accept(k)}, k = 0 .. passes - 1, each of
     * which must run the whole network once in training mode) and replaces every batch-norm layer's running
     * statistics by the average of its batch statistics over them. Nothing else changes.
     *
     * @return the number of batch-norm layers updated (0: the network has none, and the passes were not run)
     * @throws IllegalArgumentException if {@code passes < 1}
     * @throws IllegalStateException    if a pass left a batch-norm layer without an input of rank 2 or 4
     */
    public static int recompute(TrainableNetwork network, int passes, IntConsumer trainingPass) {
        if (passes < 1) {
            throw new IllegalArgumentException("standing statistics need at least one pass, got " + passes);
        }
        List<BatchNormalization> layers = new ArrayList<>();
        for (Layer layer : TrainableNetworks.layers(network.model())) {
            if (layer instanceof BatchNormalization bn) {
                layers.add(bn);
            }
        }
        if (layers.isEmpty()) {
            return 0;
        }
        double[][] meanSums = new double[layers.size()][];
        double[][] varSums = new double[layers.size()][];
        for (int k = 0; k < passes; k++) {
            trainingPass.accept(k);
            Map<String, INDArray> inputs = network.layerInputs();
            for (int i = 0; i < layers.size(); i++) {
                double[][] stats = batchStatistics(layers.get(i), inputs);
                meanSums[i] = add(meanSums[i], stats[0]);
                varSums[i] = add(varSums[i], stats[1]);
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            write(layers.get(i), scale(meanSums[i], 1.0 / passes), scale(varSums[i], 1.0 / passes));
        }
        return layers.size();
    }

    /**
     * Per channel, the mean and biased variance of the layer's last input, as DL4J's batch norm computes them in
     * training mode ({@code mean} and {@code var(false)} over every axis but the channels'), in the network's type.
     */
    static double[][] batchStatistics(BatchNormalization layer, Map<String, INDArray> layerInputs) {
        // A MultiLayerNetwork's layer keeps its input (after any preprocessor); a graph's passes hand it over.
        String name = layer.conf().getLayer().getLayerName() != null ? layer.conf().getLayer().getLayerName()
                : "layer" + layer.getIndex();
        INDArray input = layer.input() != null ? layer.input() : layerInputs.get(name);
        long channels = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer()).getNOut();
        if (input == null || (input.rank() != 2 && input.rank() != 4)) {
            throw new IllegalStateException("batch-norm layer " + name + " has "
                    + (input == null ? "no input" : "an input of rank " + input.rank())
                    + " after a training pass; standing statistics need rank 2 or 4");
        }
        boolean nhwc = input.rank() == 4 && ((org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf()
                .getLayer()).getCnn2DFormat() == CNN2DFormat.NHWC;
        int[] axes = input.rank() == 2 ? new int[]{0} : nhwc ? new int[]{0, 1, 2} : new int[]{0, 2, 3};
        double[] mean = input.mean(axes).castTo(DataType.DOUBLE).data().asDouble();
        double[] var = input.var(false, axes).castTo(DataType.DOUBLE).data().asDouble();
        if (mean.length != channels) {
            throw new IllegalStateException("batch-norm layer " + name + " normalises " + channels + " channels, but"
                    + " its input " + java.util.Arrays.toString(input.shape()) + " has " + mean.length);
        }
        return new double[][]{mean, var};
    }

    private static void write(BatchNormalization layer, double[] mean, double[] var) {
        INDArray meanView = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        meanView.assign(vector(mean, meanView));
        if (layer.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
            INDArray logStdView = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            double[] logStd = new double[var.length];
            for (int c = 0; c < var.length; c++) {
                logStd[c] = 0.5 * Math.log10(Math.max(var[c], MIN_VARIANCE));
            }
            logStdView.assign(vector(logStd, logStdView));
        } else {
            INDArray varView = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            varView.assign(vector(var, varView));
        }
    }

    private static INDArray vector(double[] values, INDArray like) {
        return org.nd4j.linalg.factory.Nd4j.createFromArray(values).castTo(like.dataType()).reshape(like.shape());
    }

    private static double[] add(double[] sum, double[] values) {
        if (sum == null) {
            return values.clone();
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
        return sum;
    }

    private static double[] scale(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }
}
