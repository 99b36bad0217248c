package dev.jvmgan.eval;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The feature network of one dataset, which every score of that dataset is computed under: a
 * {@link DomainClassifier} trained on the data's class labels when every image has one (IDX label files, class
 * subfolders), else on {@link RotationTask rotation prediction}, which needs no labels. It is trained once and kept
 * in an {@link ExtractorCache} under a key of the data's content, image shape, task and settings.
 *
 * @param network         the trained network; its {@link DomainClassifier#hash()} names it in every score
 * @param task            what it was trained to predict, for people: {@code class labels (10 classes)}
 * @param trainedOn       which images: {@code embedded:fashion-mnist-test (10,000 images)}
 * @param heldOutImages   how many of its task's images were kept out of training to measure its accuracy
 * @param trainingSeconds how long training took, when and wherever it was trained
 * @param fromCache       read from the cache rather than trained now
 */
public record FeatureExtractor(DomainClassifier network, String task, String trainedOn, int heldOutImages,
                               double trainingSeconds, boolean fromCache) {
    /** More images than this add training time rather than quality; the first ones are used. */
    public static final int MAX_TRAINING_IMAGES = 60_000;

    /**
     * The feature network of {@code data}, from the cache or trained now (which may take minutes, and logs). A
     * share of the task's examples ({@link DomainClassifier.Settings#heldOut()}: images, or turned images for
     * rotations) is kept out of training to measure its accuracy.
     */
    public static FeatureExtractor forData(RealImages data, ExtractorCache cache, DomainClassifier.Settings settings)
            throws IOException {
        RealImages used = data.first(MAX_TRAINING_IMAGES);
        Optional<int[]> labels = used.classLabels();
        String task = labels.isPresent() ? "class labels (" + used.classes() + " classes)"
                : "rotation prediction (no labels: 4 quarter turns)";
        String taskKey = labels.isPresent() ? "labels:" + used.classes() : "rotations";
        String key = ExtractorCache.key(used.fingerprint(), used.channels(), used.imageSize(), taskKey, settings);
        ExtractorCache.Cached cached = cache.getOrTrain(key, task + " on " + used.describe(), () -> labels.isPresent()
                ? DomainClassifier.train(used, labels.get(), used.classes(), settings)
                : DomainClassifier.train(RotationTask.of(used), RotationTask.labels(used.count()),
                RotationTask.CLASSES, settings));
        int taskImages = labels.isPresent() ? used.count() : RotationTask.CLASSES * used.count();
        return new FeatureExtractor(cached.classifier(), task, used.describe(), settings.heldOutCount(taskImages),
                cached.trainingSeconds(), cached.fromCache());
    }

    /** SHA-256 of the network; two scores are comparable only when theirs are equal. */
    public String hash() {
        return network.hash();
    }

    /** The first 12 hex digits of {@link #hash()}, as people quote it. */
    public String shortHash() {
        return hash().substring(0, 12);
    }

    public double heldOutAccuracy() {
        return network.heldOutAccuracy();
    }

    /** One feature row per image. */
    public double[][] features(ImageSource images) {
        return network.features(images);
    }

    /**
     * {@code feature network 3f2a9c1b0d4e: class labels (10 classes), trained on ... (60,000 images); held-out
     * accuracy 91.1% (6,000 examples kept out of training); from the cache (training took 1873 s)}.
     */
    public String describe() {
        return String.format(Locale.ROOT, "feature network %s: %s, trained on %s; held-out accuracy %.1f%% (%,d "
                        + "examples kept out of training); %s", shortHash(), task, trainedOn, 100 * heldOutAccuracy(),
                heldOutImages, fromCache
                        ? String.format(Locale.ROOT, "from the cache (training took %.0f s)", trainingSeconds)
                        : String.format(Locale.ROOT, "trained now in %.0f s", trainingSeconds));
    }
}
