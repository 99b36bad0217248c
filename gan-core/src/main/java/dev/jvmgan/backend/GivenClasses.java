package dev.jvmgan.backend;

import dev.jvmgan.spectral.SpectralNorm;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Optional;

/** {@link TrainableNetwork#given}: a conditional network whose one-argument passes use fixed class labels. */
final class GivenClasses implements TrainableNetwork {
    private final TrainableNetwork inner;
    private final int[] classes;

    GivenClasses(TrainableNetwork inner, int[] classes) {
        this.inner = inner;
        this.classes = classes;
    }

    @Override
    public INDArray forward(INDArray input, int[] classes) {
        return inner.forward(input, classes == null ? this.classes : classes);
    }

    @Override
    public INDArray output(INDArray input, int[] classes) {
        return inner.output(input, classes == null ? this.classes : classes);
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
    public void applyUpdate() {
        inner.applyUpdate();
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

    @Override
    public void restoreFrom(TrainableNetwork saved) {
        inner.restoreFrom(saved instanceof GivenClasses given ? given.inner : saved);
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
    public Map<String, Double> learningRates() {
        return inner.learningRates();
    }
}
