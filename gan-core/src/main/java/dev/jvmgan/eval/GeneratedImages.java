package dev.jvmgan.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * A generator's images as an {@link ImageSource}: image {@code i} is the generator's image of the latent of seed
 * {@code i} (seeds 0 to count - 1, so a score is reproducible and its images are the ones {@code gan sample --seed 0
 * --n N} draws), rounded to 8-bit levels as a PNG of it would be ({@link Quantised}).
 *
 * <pre>{@code
 * Sampling sampling = Sampling.open(checkpoint);
 * ImageSource fakes = new GeneratedImages(sampling::images, seed -> SampleLatents.ofSeed(100, seed), 10_000, 1, 28);
 * }</pre>
 */
public final class GeneratedImages implements ImageSource {
    /** Images (NCHW, in [-1, 1]) for a batch of latents, one row each. */
    @FunctionalInterface
    public interface Generator {
        INDArray images(double[][] latents);
    }

    /** A class-conditional generator's images for a batch of latents, latent i made as class {@code classes[i]}. */
    @FunctionalInterface
    public interface ConditionalGenerator {
        INDArray images(double[][] latents, int[] classes);
    }

    private final ConditionalGenerator generator;
    private final int[] madeAs;
    private final LongFunction<double[]> latentOfSeed;
    private final int count;
    private final int channels;
    private final int imageSize;

    /**
     * @param latentOfSeed the latent vector of a seed
     * @param count        images, seeds 0 to count - 1
     */
    public GeneratedImages(Generator generator, LongFunction<double[]> latentOfSeed, int count, int channels,
                           int imageSize) {
        this((latents, classes) -> generator.images(latents), null, latentOfSeed, count, channels, imageSize);
    }

    /**
     * A class-conditional generator's images: image i (seed i) made as class {@code madeAs[i]}.
     *
     * @param madeAs one class per image, {@code count} of them
     */
    public GeneratedImages(ConditionalGenerator generator, int[] madeAs, LongFunction<double[]> latentOfSeed,
                           int count, int channels, int imageSize) {
        if (madeAs != null && madeAs.length != count) {
            throw new IllegalArgumentException(madeAs.length + " classes for " + count + " images");
        }
        this.madeAs = madeAs;
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + " must be >= 1");
        }
        this.generator = generator;
        this.latentOfSeed = latentOfSeed;
        this.count = count;
        this.channels = channels;
        this.imageSize = imageSize;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public INDArray images(int[] index) {
        double[][] latents = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= count) {
                throw new IndexOutOfBoundsException("image " + index[i] + " of " + count);
            }
            latents[i] = latentOfSeed.apply(index[i]);
        }
        int[] classes = null;
        if (madeAs != null) {
            classes = new int[index.length];
            for (int i = 0; i < index.length; i++) {
                classes[i] = madeAs[index[i]];
            }
        }
        INDArray generated = generator.images(latents, classes);
        long[] expected = {index.length, channels, imageSize, imageSize};
        if (!Arrays.equals(generated.shape(), expected)) {
            throw new IllegalStateException("the generator made images of shape " + Arrays.toString(generated.shape())
                    + ", expected " + Arrays.toString(expected) + " (images x channels x size x size)");
        }
        float[] values = generated.castTo(DataType.FLOAT).dup('c').data().asFloat();
        Quantised.round(values);
        return Nd4j.create(values, expected, 'c');
    }
}
