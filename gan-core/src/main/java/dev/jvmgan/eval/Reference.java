package dev.jvmgan.eval;

import java.util.Locale;

/**
 * The real images generated ones are scored against: their feature rows, with the statistics every score needs
 * computed once (the Gaussian the Fréchet distance fits, the k-nearest-neighbour radii of precision and recall),
 * and what they are.
 *
 * @param features one row per real image, from the {@link FeatureExtractor} the scores use
 * @param moments  {@link FeatureMoments} of the features
 * @param manifold the features' {@link PrecisionRecall.RealManifold} at k = {@value PrecisionRecall#DEFAULT_K}
 * @param images   which images: {@code .../t10k-images-idx3-ubyte.gz (10,000 images)}
 * @param heldOut  whether the feature network never trained on them (it did when the data has no other split)
 */
public record Reference(double[][] features, FeatureMoments moments, PrecisionRecall.RealManifold manifold,
                        String images, boolean heldOut) {
    /**
     * Real images compared against, at most: k-nearest-neighbour metrics cost grows with the square of the count,
     * and 10,000 is what precision/recall and KID are usually reported at.
     */
    public static final int MAX_IMAGES = 10_000;

    /** The reference of these feature rows, its statistics computed now. */
    public static Reference of(double[][] features, String images, boolean heldOut) {
        return new Reference(features, FeatureMoments.of(features),
                PrecisionRecall.RealManifold.of(features, PrecisionRecall.DEFAULT_K), images, heldOut);
    }

    public int count() {
        return features.length;
    }

    /** {@code 10,000 real images of ..., held out from the feature network's training}. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d real images of %s, %s", count(), images, heldOut
                ? "held out from the feature network's training"
                : "the same images the feature network trained on (not held out: the data has no other split)");
    }
}
