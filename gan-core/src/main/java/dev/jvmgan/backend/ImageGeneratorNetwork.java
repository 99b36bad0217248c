package dev.jvmgan.backend;

import dev.jvmgan.model.ImageShape;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator seen as images: whatever the network's output layout ([B, C*S*S] from a dense layer, or
 * [B, C, S, S] from a deconvolution), {@link #forward} and {@link #output} return NCHW images and
 * {@link #backward} takes dLoss/dImages in that layout.
 */
public final class ImageGeneratorNetwork implements TrainableNetwork {
    private final TrainableNetwork inner;
    private final ImageShape shape;
    private long[] innerOutputShape;

    public ImageGeneratorNetwork(TrainableNetwork inner, ImageShape shape) {
        this.inner = inner;
        this.shape = shape;
    }

    @Override
    public INDArray forward(INDArray latents, int[] classes) {
        INDArray out = inner.forward(latents, classes);
        innerOutputShape = out.shape();
        return asImages(out);
    }

    @Override
    public INDArray output(INDArray latents, int[] classes) {
        return asImages(inner.output(latents, classes));
    }

    @Override
    public int numClasses() {
        return inner.numClasses();
    }

    @Override
    public INDArray backward(INDArray lossGradient) {
        return inner.backward(lossGradient.reshape(innerOutputShape));
    }

    @Override
    public void backwardParameters(INDArray lossGradient) {
        inner.backwardParameters(lossGradient.reshape(innerOutputShape));
    }

    @Override
    public INDArray inputGradient(INDArray lossGradient) {
        return inner.inputGradient(lossGradient.reshape(innerOutputShape));
    }

    private INDArray asImages(INDArray out) {
        long batch = out.size(0);
        long expected = (long) shape.channels() * shape.size() * shape.size();
        if (out.length() != batch * expected) {
            throw new IllegalStateException(String.format(
                    "generator output %s does not hold %d images of %dx%dx%d (channels x size x size)",
                    java.util.Arrays.toString(out.shape()), batch, shape.channels(), shape.size(), shape.size()));
        }
        return out.rank() == 4 ? out : out.reshape('c', batch, shape.channels(), shape.size(), shape.size());
    }

    @Override
    public void applyUpdate() {
        inner.applyUpdate();
    }

    @Override
    public java.util.Map<String, dev.jvmgan.spectral.SpectralNorm> spectralNorms() {
        return inner.spectralNorms();
    }

    @Override
    public void holdPowerIteration(boolean hold) {
        inner.holdPowerIteration(hold);
    }

    @Override
    public void restoreFrom(TrainableNetwork saved) {
        inner.restoreFrom(saved instanceof ImageGeneratorNetwork images ? images.inner : saved);
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
    public java.util.Map<String, INDArray> layerInputs() {
        return inner.layerInputs();
    }

    @Override
    public java.util.Map<String, INDArray> pendingGradients() {
        return inner.pendingGradients();
    }

    @Override
    public java.util.Map<String, INDArray> parameterTable() {
        return inner.parameterTable();
    }

    @Override
    public boolean gradientsFinite() {
        return inner.gradientsFinite();
    }

    @Override
    public java.util.Optional<String> firstNonFinite() {
        return inner.firstNonFinite();
    }

    @Override
    public Model model() {
        return inner.model();
    }

    public TrainableNetwork inner() {
        return inner;
    }
}
