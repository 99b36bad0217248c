package dev.jvmgan.batchnorm;

import dev.jvmgan.backend.TrainableNetworks;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The positions of batch normalisation's running statistics (mean, and variance or log10 of the standard deviation)
 * in a DL4J network's flat parameter array, which its flat gradient view shares.
 *
 * <p>Why it matters: PyTorch keeps running statistics in buffers, outside the parameters; DL4J keeps them among the
 * parameters and moves them through the gradient. Its batch-norm backward pass writes
 * {@code (running - batch statistic) (1 - decay)} into their gradient entries whatever dLoss/dOutput was, and their
 * updater is a no-op, so {@code params -= gradient} moves them at the next update. So:
 * <ul>
 *   <li>extra backward passes (a penalty's perturbed passes) would move them again: {@link #zeroIn} clears those
 *       entries in a gradient;</li>
 *   <li>an exponential moving average of parameters must copy them, as StyleGAN2 copies buffers: {@link #copy}.</li>
 * </ul>
 * Found per layer of type {@link BatchNormalization} (a graph's layers included), by parameter name; positions are
 * offsets of the layers' parameter views into {@link Model#params()}.
 */
public final class RunningStatistics {
    private static final List<String> NAMES = List.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    /** [start, end) element ranges into the flat parameter array, in network order. */
    private final List<long[]> ranges;
    private final long length;

    private RunningStatistics(List<long[]> ranges, long length) {
        this.ranges = List.copyOf(ranges);
        this.length = length;
    }

    /**
     * @throws IllegalStateException if a running statistic is not a contiguous view into the model's flat parameters
     *                               (which DL4J's layouts always are)
     */
    public static RunningStatistics of(Model model) {
        INDArray flat = model.params();
        List<long[]> ranges = new ArrayList<>();
        for (Layer layer : TrainableNetworks.layers(model)) {
            if (!(layer instanceof BatchNormalization)) {
                continue;
            }
            for (String name : NAMES) {
                if (!layer.paramTable().containsKey(name)) {
                    continue;
                }
                INDArray view = layer.getParam(name);
                long start = view.offset() - flat.offset();
                long end = start + view.length();
                boolean inside = view.data().address() == flat.data().address() && start >= 0
                        && end <= flat.length() && view.elementWiseStride() == 1
                        && flat.reshape(-1).get(NDArrayIndex.interval(start, end)).equals(view.reshape(-1));
                if (!inside) {
                    throw new IllegalStateException("batch norm parameter '" + name + "' of layer "
                            + layer.conf().getLayer().getLayerName() + " is not a contiguous view of the network's "
                            + "flat parameters, so its position in the gradient is unknown");
                }
                ranges.add(new long[]{start, end});
            }
        }
        return new RunningStatistics(ranges, flat.length());
    }

    /** Whether the network has no batch normalisation. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The number of running-statistic entries. */
    public long count() {
        long n = 0;
        for (long[] r : ranges) {
            n += r[1] - r[0];
        }
        return n;
    }

    /** Whether flat position {@code index} holds a running statistic. */
    public boolean contains(long index) {
        for (long[] r : ranges) {
            if (index >= r[0] && index < r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Sets the running-statistic entries of a flat array laid out as the parameters (e.g. the gradient view) to 0. */
    public void zeroIn(INDArray flatArray) {
        INDArray row = checked(flatArray);
        for (long[] r : ranges) {
            row.get(NDArrayIndex.interval(r[0], r[1])).assign(0);
        }
    }

    /** Copies the running-statistic entries of {@code from} into {@code to}, both laid out as the parameters. */
    public void copy(INDArray from, INDArray to) {
        INDArray source = checked(from);
        INDArray target = checked(to);
        for (long[] r : ranges) {
            target.get(NDArrayIndex.interval(r[0], r[1])).assign(source.get(NDArrayIndex.interval(r[0], r[1])));
        }
    }

    /** A flat array of the parameters' length, as a vector view (writes go through to it). */
    private INDArray checked(INDArray flatArray) {
        if (flatArray.length() != length) {
            throw new IllegalArgumentException("flat array of " + flatArray.length() + " entries for a network of "
                    + length + " parameters");
        }
        INDArray row = flatArray.reshape(flatArray.length());
        if (row.data().address() != flatArray.data().address() || !flatArray.isVectorOrScalar()) {
            throw new IllegalArgumentException("a flat parameter or gradient array must be a vector");
        }
        return row;
    }
}
