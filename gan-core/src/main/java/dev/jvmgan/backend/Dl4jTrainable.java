package dev.jvmgan.backend;

import dev.jvmgan.fastops.Wanted;
import dev.jvmgan.spectral.SpectralNorm;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link TrainableNetwork} contract over either kind of DL4J network, once: {@link NetworkPasses} runs the
 * passes of a MultiLayerNetwork or a ComputationGraph, {@link PendingGradients} sums the backward passes of one
 * update, and {@link FitStep} applies that sum as DL4J's own {@code fit} would.
 *
 * <p>Each backward pass (and each {@link #inputGradient}) uses up the forward pass before it, as in {@code fit}:
 * dropout masks and noisy weights belong to one forward/backward pair. {@link #output} ends the forward pass too,
 * since DL4J's graph inference clears the layers' inputs.
 *
 * <p>Spectrally normalised layers ({@link SpectralWeights}) hold W_orig at rest and W_orig / sigma from the start of
 * a pass to the end of its backward pass (or {@code inputGradient}, or {@code output}); a network without them has
 * no {@code SpectralWeights}, and every call below costs one null check more than before.
 */
final class Dl4jTrainable implements TrainableNetwork {
    private final NetworkPasses passes;
    private final PendingGradients pending;
    private final FitStep fit;
    /** Null when no layer is spectrally normalised. */
    private final SpectralWeights spectral;
    private final ClassInput classInput;
    /** The main input's shape in the open forward pass: what its gradient is cut back to. */
    private long[] mainInputShape;
    /** Keys and views of the last backward pass's gradients, in DL4J's form. */
    private Gradient lastGradient;
    private boolean forwardPassOpen;

    /**
     * @param spectral   the normalised weights, or null for none
     * @param classInput how the network takes class labels ({@link ClassInput#none()} if it does not)
     */
    Dl4jTrainable(NetworkPasses passes, SpectralWeights spectral, ClassInput classInput) {
        this.classInput = classInput;
        this.passes = passes;
        this.pending = new PendingGradients(passes.model()::getGradientsViewArray);
        this.fit = new FitStep(passes);
        this.spectral = spectral;
    }

    @Override
    public INDArray forward(INDArray input, int[] classes) {
        INDArray[] fed = classInput.fed(input, classes);
        mainInputShape = input.shape();
        fit.beforeForward();
        if (spectral != null) {
            spectral.beforePass(true);
        }
        INDArray output = passes.forward(fed);
        forwardPassOpen = true;
        return output;
    }

    @Override
    public INDArray output(INDArray input, int[] classes) {
        INDArray[] fed = classInput.fed(input, classes);
        forwardPassOpen = false;
        if (spectral == null) {
            return passes.output(fed);
        }
        spectral.beforePass(false);
        try {
            return passes.output(fed);
        } finally {
            spectral.restore();
        }
    }

    @Override
    public INDArray backward(INDArray lossGradient) {
        return backward(lossGradient, Wanted.ALL);
    }

    @Override
    public void backwardParameters(INDArray lossGradient) {
        Buffers.release(backward(lossGradient, Wanted.PARAMETERS));
    }

    private INDArray backward(INDArray lossGradient, Wanted wanted) {
        requireForwardPass("backward()");
        pending.beforeBackward();
        INDArray inputGradient = backprop(lossGradient, wanted);
        if (spectral != null) {
            spectral.chainGradients(lastGradient.gradientForVariable());
        }
        fit.asDl4jWouldSum(lastGradient.gradientForVariable(), lossGradient.size(0));
        pending.afterBackward();
        return inputGradient;
    }

    @Override
    public INDArray inputGradient(INDArray lossGradient) {
        if (pending.passes() > 0) {
            throw new IllegalStateException("inputGradient() would overwrite " + pending.passes()
                    + " pending backward pass(es); call applyUpdate() first");
        }
        requireForwardPass("inputGradient()");
        return backprop(lossGradient, Wanted.INPUT);
    }

    private void requireForwardPass(String call) {
        if (!forwardPassOpen) {
            throw new IllegalStateException(call + " needs a forward() of its own before it: each backward pass "
                    + "uses up the forward pass before it (and output() ends one)");
        }
    }

    private INDArray backprop(INDArray lossGradient, Wanted wanted) {
        forwardPassOpen = false;
        Pair<Gradient, INDArray> result;
        try {
            result = passes.backward(lossGradient, wanted);
        } finally {
            if (spectral != null) {
                spectral.restore(); // chainGradients needs only W_orig aside, u, v and sigma, which this leaves alone
            }
        }
        lastGradient = result.getFirst();
        Map<String, INDArray> byKey = lastGradient.gradientForVariable();
        Map<String, INDArray> params = passes.model().paramTable();
        if (!params.keySet().containsAll(byKey.keySet())) {
            // DL4J reports gamma and beta of a batch norm with lockGammaBeta (conditional batch norm's), which are no
            // parameters: the updater, the monitors and the checkpoint know only the parameter table's keys.
            byKey.keySet().retainAll(params.keySet());
        }
        return result.getSecond() == null ? null : classInput.mainGradient(result.getSecond(), mainInputShape);
    }

    @Override
    public void applyUpdate() {
        if (pending.passes() == 0) {
            throw new IllegalStateException("applyUpdate() without a backward pass");
        }
        if (spectral != null) {
            spectral.restore();
        }
        Gradient gradient = new DefaultGradient(pending.consolidated());
        // DL4J's updater splits the flat view by the "<layer>_<param>" keys of a backward pass's Gradient.
        lastGradient.gradientForVariable().forEach(gradient::setGradientFor);
        fit.apply(gradient);
        pending.clear();
    }

    @Override
    public Map<String, SpectralNorm> spectralNorms() {
        return spectral == null ? Map.of() : spectral.norms();
    }

    @Override
    public void holdPowerIteration(boolean hold) {
        if (spectral != null) {
            spectral.hold(hold);
        }
    }

    @Override
    public void restoreFrom(TrainableNetwork saved) {
        if (!(saved instanceof Dl4jTrainable other)) {
            throw new IllegalArgumentException("can only restore from a network behind the same seam, got "
                    + saved.getClass().getSimpleName());
        }
        requireSameLength("parameters", params(), other.params());
        INDArray state = passes.updater().getStateViewArray();
        INDArray savedState = other.passes.updater().getStateViewArray();
        if (state != null || savedState != null) {
            requireSameLength("optimiser state", state, savedState);
            state.assign(savedState);
        }
        // Assigned in place: the updater and the gradient views keep pointing at this network's arrays.
        params().assign(other.params());
        passes.setIterationCount(other.passes.iterationCount());
        pending.clear();
        forwardPassOpen = false;
    }

    private static void requireSameLength(String what, INDArray mine, INDArray saved) {
        long m = mine == null ? 0 : mine.length();
        long s = saved == null ? 0 : saved.length();
        if (m != s) {
            throw new IllegalArgumentException("cannot restore " + what + " of " + s + " values into a network with "
                    + m + ": not the same architecture");
        }
    }

    /**
     * Changes each updater configuration in place: DL4J's updater blocks hold these very objects (Adam reads its lr
     * from them at every step), so the state arrays stay as they are. DL4J's own {@code setLearningRate} rebuilds the
     * updater instead, and in 1.0.0-M2.1 fails on the DCGAN's layers without parameters.
     */
    @Override
    public void scaleLearningRate(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("learning rate factor " + factor + " must be finite and > 0");
        }
        for (IUpdater updater : updaters()) {
            updater.setLrAndSchedule(updater.getLearningRate(0, 0) * factor, null);
        }
    }

    /** As {@link #scaleLearningRate}, in place on the updater configurations that DL4J's updater blocks read. */
    @Override
    public void setAdamBetas(double beta1, double beta2) {
        for (double beta : new double[] {beta1, beta2}) {
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("Adam's beta " + beta + " must be in [0, 1)");
            }
        }
        for (IUpdater updater : updaters()) {
            if (!(updater instanceof org.nd4j.linalg.learning.config.Adam adam)) {
                throw new IllegalArgumentException("cannot set Adam's betas: a layer's optimiser is "
                        + updater.getClass().getSimpleName());
            }
            adam.setBeta1(beta1);
            adam.setBeta2(beta2);
        }
    }

    /** Every distinct updater configuration with a learning rate, of weights and biases, in layer order. */
    private java.util.Set<IUpdater> updaters() {
        java.util.Set<IUpdater> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (org.deeplearning4j.nn.api.Layer layer : passes.layers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base) {
                for (IUpdater updater : new IUpdater[] {base.getIUpdater(), base.getBiasUpdater()}) {
                    if (updater != null && updater.hasLearningRate()) {
                        all.add(updater);
                    }
                }
            }
        }
        return all;
    }

    @Override
    public Map<String, Double> learningRates() {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (org.deeplearning4j.nn.api.Layer layer : passes.layers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getIUpdater() != null
                    && base.getIUpdater().hasLearningRate() && layer.numParams() > 0) {
                String name = base.getLayerName() == null ? "layer" + layer.getIndex() : base.getLayerName();
                rates.put(name, base.getIUpdater().getLearningRate(0, 0));
            }
        }
        return rates;
    }

    @Override
    public int numClasses() {
        return classInput.numClasses();
    }

    @Override
    public long updateCount() {
        return passes.iterationCount();
    }

    @Override
    public INDArray params() {
        return passes.model().params();
    }

    @Override
    public Map<String, INDArray> layerInputs() {
        return passes.layerInputs();
    }

    @Override
    public Map<String, INDArray> pendingGradients() {
        if (pending.passes() == 0) {
            return Map.of();
        }
        pending.consolidated();
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradientViews().forEach((key, g) -> gradients.put(key, g.dup()));
        return gradients;
    }

    /** The pending gradients as live views of the gradient view array, by {@code layer/param}. */
    private Map<String, INDArray> gradientViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        lastGradient.gradientForVariable().forEach((key, g) -> views.put(passes.readableKey(key), g));
        return views;
    }

    @Override
    public Map<String, INDArray> parameterTable() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        passes.model().paramTable().forEach((key, p) -> params.put(passes.readableKey(key), p));
        return params;
    }

    @Override
    public boolean gradientsFinite() {
        return pending.passes() == 0 || NonFinite.isFinite(pending.consolidated());
    }

    @Override
    public Optional<String> firstNonFinite() {
        Optional<String> where = Optional.empty();
        if (!gradientsFinite()) {
            where = NonFinite.first("gradient", gradientViews());
        }
        return where.or(() -> NonFinite.first("parameter", parameterTable()))
                .or(() -> NonFinite.first("input of", layerInputs()))
                .or(() -> passes.lastOutput().filter(output -> !NonFinite.isFinite(output.getValue()))
                        .map(output -> "output of " + output.getKey()));
    }

    @Override
    public Model model() {
        return passes.model();
    }
}
