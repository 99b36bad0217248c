package dev.jvmgan.fastops;

import dev.jvmgan.onednn.Contiguous;
import dev.jvmgan.onednn.OneDnn;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training-mode batch norm, forward and backward, each in one oneDNN primitive ({@link BatchNormPrimitives} has the
 * formulas) called through JavaCPP's preset; inference and anything else (other data types, NHWC, no learned gamma
 * and beta, the preset missing) go to {@link FastBatchNormHelper}'s backward and DL4J's forward.
 *
 * <p>Why: M2.1's forward computes the mean and the variance with two separate ND4J reductions (the variance's is slow)
 * and then normalises with a third pass; {@link FastBatchNormHelper}'s backward still takes seven array passes. The
 * primitives take two or three passes each way, and a dense layer's [N, C] output is walked along its contiguous
 * channels instead of as C images of 1 x 1.
 */
public class OneDnnBatchNormHelper extends FastBatchNormHelper {
    private static final int KEPT_SHAPES = 3;

    private final Map<List<Object>, BatchNormPrimitives> byShape = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, BatchNormPrimitives> eldest) {
            if (size() > KEPT_SHAPES) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };
    private INDArray batchMean;
    private INDArray batchVar;
    /** dL/dgamma and dL/dbeta as oneDNN writes them, then copied into DL4J's gradient views. */
    private INDArray dGamma;
    private INDArray dBeta;
    /** Whether the last training forward pass was this helper's (its statistics are then in batchMean, batchVar). */
    private boolean ownStatistics;

    public OneDnnBatchNormHelper() {
        super(DataType.FLOAT);
    }

    /**
     * Gives every batch-norm layer among {@code layers} that has DL4J's oneDNN helper this one, or
     * {@link FastBatchNormHelper} where oneDNN's preset cannot load.
     *
     * @return how many layers it replaced
     */
    public static int install(Layer... layers) {
        List<BatchNormalization> eligible = Arrays.stream(layers)
                .filter(l -> l instanceof BatchNormalization bn && bn.getHelper() != null
                        && bn.getHelper().getClass() == MKLDNNBatchNormHelper.class)
                .map(BatchNormalization.class::cast).toList();
        if (eligible.isEmpty()) {
            return 0; // without loading oneDNN's preset
        }
        if (OneDnn.unavailable().isPresent()) {
            return FastBatchNormHelper.install(layers);
        }
        eligible.forEach(bn -> setHelper(bn, new OneDnnBatchNormHelper()));
        return eligible.size();
    }

    /** [N, C] for a dense layer's output (DL4J hands it over as [N, C, 1, 1]), else the NCHW shape. */
    private static long[] dims(INDArray x) {
        long[] shape = x.shape();
        return shape[2] == 1 && shape[3] == 1 ? new long[] {shape[0], shape[1]} : shape;
    }

    private static boolean supported(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format) {
        return x.dataType() == DataType.FLOAT && x.rank() == 4 && format == CNN2DFormat.NCHW && gamma != null
                && beta != null && gamma.dataType() == DataType.FLOAT;
    }

    /** The array itself if oneDNN can read it in place (contiguous, C order, at its buffer's start), else a copy. */
    private static INDArray plain(INDArray array) {
        return Contiguous.is(array) && array.offset() == array.data().offset() ? array : array.dup('c');
    }

    private BatchNormPrimitives primitives(long[] dims, double eps) {
        List<Object> key = List.of(Arrays.toString(dims), eps);
        return byShape.computeIfAbsent(key, k -> new BatchNormPrimitives(dims, eps));
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!training) {
            // Running statistics; the batch statistics of the last training pass stay for its backward pass.
            return super.preOutput(x, false, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        ownStatistics = false;
        if (!supported(x, gamma, beta, format)) {
            return super.preOutput(x, true, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        long channels = x.size(1);
        if (batchMean == null || batchMean.length() != channels) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                batchMean = Nd4j.createUninitialized(DataType.FLOAT, channels);
                batchVar = Nd4j.createUninitialized(DataType.FLOAT, channels);
                dGamma = Nd4j.createUninitialized(DataType.FLOAT, channels);
                dBeta = Nd4j.createUninitialized(DataType.FLOAT, channels);
            }
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape());
        primitives(dims(x), eps).forward(plain(x), plain(gamma.reshape(channels)), plain(beta.reshape(channels)), out,
                batchMean, batchVar);
        ownStatistics = true;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format,
                                                     LayerWorkspaceMgr workspaceMgr) {
        if (!ownStatistics || !supported(input, gamma, beta, format) || epsilon.dataType() != DataType.FLOAT
                || dGammaView == null || dBetaView == null) {
            return super.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        long channels = input.size(1);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape());
        primitives(dims(input), eps).backward(plain(input), plain(epsilon), plain(gamma.reshape(channels)),
                plain(beta.reshape(channels)), batchMean,
                batchVar, dx, dGamma, dBeta);
        dGammaView.assign(dGamma.reshape(dGammaView.shape()));
        dBetaView.assign(dBeta.reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor("gamma", dGammaView);
        gradient.setGradientFor("beta", dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return ownStatistics ? batchMean : super.getMeanCache(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return ownStatistics ? batchVar : super.getVarCache(dataType);
    }
}
