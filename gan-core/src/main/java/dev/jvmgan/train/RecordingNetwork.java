package dev.jvmgan.train;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.spectral.SpectralNorm;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A network that copies out what the monitors need as the phases run it, for one inspected step, so that the phases
 * themselves know nothing of inspection: the layer inputs of its first forward pass (when asked: G's), and of the
 * first forward pass on each input it is told to watch (D on T(x) and on T(G(z))); and the gradients and parameters
 * around its first update. Everything else goes straight through.
 */
final class RecordingNetwork implements TrainableNetwork {
    private final TrainableNetwork inner;
    private final boolean recordFirstForward;
    private final Map<INDArray, Map<String, INDArray>> watched = new IdentityHashMap<>();
    private Map<String, INDArray> firstForward;
    private Map<String, INDArray> gradients;
    private Map<String, INDArray> paramsBefore;
    private Map<String, INDArray> paramsAfter;

    /**
     * @param recordFirstForward copy the layer inputs of the first forward pass, whatever its input; D's are taken
     *                           on the inputs it is told to watch instead, so a copy of its first pass would be waste
     */
    RecordingNetwork(TrainableNetwork inner, boolean recordFirstForward) {
        this.inner = inner;
        this.recordFirstForward = recordFirstForward;
    }

    /** Records the layer inputs of the first forward pass on this very array (by identity). */
    void watch(INDArray input) {
        watched.putIfAbsent(input, null);
    }

    /** Layer inputs of the first forward pass on a watched array; empty if it never ran. */
    Map<String, INDArray> layerInputsOn(INDArray input) {
        Map<String, INDArray> recorded = watched.get(input);
        return recorded == null ? Map.of() : recorded;
    }

    Map<String, INDArray> firstForward() {
        return firstForward == null ? Map.of() : firstForward;
    }

    Map<String, INDArray> gradients() {
        return gradients == null ? Map.of() : gradients;
    }

    Map<String, INDArray> paramsBefore() {
        return paramsBefore == null ? Map.of() : paramsBefore;
    }

    Map<String, INDArray> paramsAfter() {
        return paramsAfter == null ? Map.of() : paramsAfter;
    }

    @Override
    public INDArray forward(INDArray input, int[] classes) {
        INDArray output = inner.forward(input, classes);
        if (recordFirstForward && firstForward == null) {
            firstForward = Inspection.copy(inner.layerInputs());
        }
        if (watched.containsKey(input) && watched.get(input) == null) {
            watched.put(input, Inspection.copy(inner.layerInputs()));
        }
        return output;
    }

    @Override
    public void applyUpdate() {
        if (gradients != null) {
            inner.applyUpdate();
            return;
        }
        gradients = Collections.unmodifiableMap(inner.pendingGradients());
        paramsBefore = Inspection.copy(inner.parameterTable());
        inner.applyUpdate();
        paramsAfter = Inspection.copy(inner.parameterTable());
    }

    @Override
    public INDArray output(INDArray input, int[] classes) {
        return inner.output(input, classes);
    }

    @Override
    public int numClasses() {
        return inner.numClasses();
    }

    @Override
    public INDArray backward(INDArray lossGradient) {
        return inner.backward(lossGradient);
    }

    @Override
    public void backwardParameters(INDArray lossGradient) {
        inner.backwardParameters(lossGradient);
    }

    @Override
    public INDArray inputGradient(INDArray lossGradient) {
        return inner.inputGradient(lossGradient);
    }

    @Override
    public Map<String, SpectralNorm> spectralNorms() {
        return inner.spectralNorms();
    }

    @Override
    public void holdPowerIteration(boolean hold) {
        inner.holdPowerIteration(hold);
    }

    @Override
    public void restoreFrom(TrainableNetwork saved) {
        inner.restoreFrom(saved);
    }

    @Override
    public void scaleLearningRate(double factor) {
        inner.scaleLearningRate(factor);
    }

    @Override
    public void setAdamBetas(double beta1, double beta2) {
        inner.setAdamBetas(beta1, beta2);
    }

    @Override
    public java.util.Map<String, Double> learningRates() {
        return inner.learningRates();
    }

    @Override
    public long updateCount() {
        return inner.updateCount();
    }

    @Override
    public INDArray params() {
        return inner.params();
    }

    @Override
    public Map<String, INDArray> layerInputs() {
        return inner.layerInputs();
    }

    @Override
    public Map<String, INDArray> pendingGradients() {
        return inner.pendingGradients();
    }

    @Override
    public Map<String, INDArray> parameterTable() {
        return inner.parameterTable();
    }

    @Override
    public boolean gradientsFinite() {
        return inner.gradientsFinite();
    }

    @Override
    public Optional<String> firstNonFinite() {
        return inner.firstNonFinite();
    }

    @Override
    public Model model() {
        return inner.model();
    }
}
