package dev.jvmgan.eval;

import dev.jvmgan.config.DataConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Scores sets of images against one dataset under one feature network: the pipeline {@code gan eval} runs, and
 * that a training listener can run on its generator every N iterations. Prepared once per dataset (the feature
 * network from its cache, the reference's features), then {@link #evaluate} per set of images.
 *
 * <p>The protocol ({@link #forData}): when the data has another split (Fashion-MNIST's 60k training file has its 10k
 * test file next to it; the embedded 10k split pairs with Debian's 60k), the feature network is trained on the
 * larger split and the reference is the smaller one, which it never saw, whichever of the two the run trained on:
 * runs on either split are scored under one feature network against one reference, so their scores compare. Without
 * another split, both are the data itself, which every score then says. At most {@value Reference#MAX_IMAGES}
 * reference images, the first ones.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.forData(config.data(), new ExtractorCache(ExtractorCache.defaultDirectory()));
 * ImageSource fakes = new GeneratedImages(generator, latentOfSeed, 10_000, 1, 28);
 * Evaluation e = evaluator.evaluate("iteration 3000", 3000L, fakes, "seeds 0-9999");
 * }</pre>
 */
public final class Evaluator {
    /** Seed of KID's random subsets: fixed, so a score is a function of the images alone. */
    public static final long KID_SEED = 0;
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final FeatureExtractor extractor;
    private final Reference reference;
    private final Classes classes;

    /**
     * The classes per-class scores need: the reference's labels, and which classes the feature network learnt.
     *
     * @param referenceLabels    the class of each reference image, or null when it has none
     * @param referenceNames     the reference's class names, index = label (empty without labels)
     * @param extractorNames     the classes the feature network learnt, index = output; empty for rotation prediction
     * @param referencePredicted the feature network's class of each reference image (for real agreement), or null
     *                           when it learnt no classes
     */
    public record Classes(int[] referenceLabels, List<String> referenceNames, List<String> extractorNames,
                          int[] referencePredicted) {
        /** No labels anywhere: per-class scores are not defined. */
        public static final Classes NONE = new Classes(null, List.of(), List.of(), null);

        public Classes {
            referenceNames = List.copyOf(referenceNames);
            extractorNames = List.copyOf(extractorNames);
        }

        /** Without the feature network's classes of the reference images: real agreement is not defined. */
        public Classes(int[] referenceLabels, List<String> referenceNames, List<String> extractorNames) {
            this(referenceLabels, referenceNames, extractorNames, null);
        }
    }

    public Evaluator(FeatureExtractor extractor, Reference reference) {
        this(extractor, reference, Classes.NONE);
    }

    public Evaluator(FeatureExtractor extractor, Reference reference, Classes classes) {
        this.extractor = extractor;
        this.reference = reference;
        this.classes = classes;
    }

    /**
     * The feature network of {@code data} (trained now when the cache has none) and the reference's features.
     *
     * @throws dev.jvmgan.data.DataException naming the file or folder when the data cannot be read
     */
    public static Evaluator forData(DataConfig data, ExtractorCache cache) throws IOException {
        return forData(data, cache, DomainClassifier.Settings.DEFAULT);
    }

    /** As {@link #forData(DataConfig, ExtractorCache)}, with the feature network trained by {@code settings}. */
    public static Evaluator forData(DataConfig data, ExtractorCache cache, DomainClassifier.Settings settings)
            throws IOException {
        RealImages own = RealImages.open(data);
        Optional<DataConfig> otherSplit = own.otherSplit();
        RealImages training = own;
        RealImages reference = own;
        if (otherSplit.isPresent()) {
            RealImages other = RealImages.open(otherSplit.get());
            training = other.count() > own.count() ? other : own;
            reference = other.count() > own.count() ? own : other;
        }
        FeatureExtractor extractor = FeatureExtractor.forData(training, cache, settings);
        RealImages scoredAgainst = reference.first(Reference.MAX_IMAGES);
        LOG.info("reference: features of {}", scoredAgainst.describe());
        // As FeatureExtractor.forData decides: it learnt the classes when its images are all labelled.
        boolean learntClasses = training.first(FeatureExtractor.MAX_TRAINING_IMAGES).classLabels().isPresent();
        Optional<int[]> referenceLabels = scoredAgainst.classLabels();
        // The reference's classes come from the same forward pass as its features (the same rows, bitwise), so the
        // real agreement costs nothing more, and is kept with the features for every evaluation of this Evaluator.
        DomainClassifier.Classified real = learntClasses ? extractor.network().classify(scoredAgainst) : null;
        double[][] realFeatures = real == null ? extractor.features(scoredAgainst) : real.features();
        Classes classes = new Classes(referenceLabels.orElse(null),
                referenceLabels.isPresent() ? scoredAgainst.classNames() : List.of(),
                learntClasses ? training.classNames() : List.of(), real == null ? null : real.classes());
        return new Evaluator(extractor, Reference.of(realFeatures, scoredAgainst.describe(),
                otherSplit.isPresent()), classes);
    }

    /**
     * Every score of {@code fakes} against the reference.
     *
     * @param subject   what was scored, for people: a checkpoint file, a folder
     * @param iteration the training iteration of the generator, or null for images from elsewhere
     * @param fakesFrom which images of the subject: {@code seeds 0-9999}
     */
    public Evaluation evaluate(String subject, Long iteration, ImageSource fakes, String fakesFrom) {
        long started = System.nanoTime();
        double[][] fakeFeatures = extractor.features(fakes);
        Scores scores = Scores.of(reference, fakeFeatures, extractor.hash(), KID_SEED);
        return new Evaluation(subject, iteration, fakesFrom, scores, KID_SEED, reference.describe(),
                reference.heldOut(), extractor.heldOutAccuracy(), extractor.task(), extractor.trainedOn(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * As {@link #evaluate(String, Long, ImageSource, String)}, for a class-conditional generator: also the
     * {@link ClassScores} of its images, image i made as class {@code madeAs[i]}.
     *
     * @param names the classes the generator learnt (as saved: they must be the data's for the scores to be defined)
     * @param shown the same classes as people name them, for the table
     */
    public Evaluation evaluate(String subject, Long iteration, ImageSource fakes, String fakesFrom,
                               List<String> names, List<String> shown, int[] madeAs) {
        long started = System.nanoTime();
        DomainClassifier.Classified classified = extractor.network().classify(fakes);
        double[][] fakeFeatures = classified.features();
        Scores scores = Scores.of(reference, fakeFeatures, extractor.hash(), KID_SEED);
        String agreementNote = classes.extractorNames().isEmpty()
                ? "not defined: the feature network was trained by rotation prediction (its data has no class labels), "
                + "so it has no classes to agree with"
                : classes.extractorNames().equals(names) ? null
                : "not defined: the feature network learnt the classes " + classes.extractorNames()
                + ", not the generator's " + names;
        String intraNote = classes.referenceLabels() == null
                ? "not defined: the reference images have no class labels"
                : classes.referenceNames().equals(names) ? null
                : "not defined: the reference's classes " + classes.referenceNames() + " are not the generator's "
                + names;
        ClassScores perClass = ClassScores.of(shown, madeAs, agreementNote == null ? classified.classes() : null,
                fakeFeatures, intraNote == null ? classes.referenceLabels() : null,
                agreementNote == null ? classes.referencePredicted() : null, reference.features(), agreementNote,
                intraNote);
        return new Evaluation(subject, iteration, fakesFrom, scores, KID_SEED, reference.describe(),
                reference.heldOut(), extractor.heldOutAccuracy(), extractor.task(), extractor.trainedOn(),
                (System.nanoTime() - started) / 1e9, perClass);
    }

    public Classes classes() {
        return classes;
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    public Reference reference() {
        return reference;
    }
}
