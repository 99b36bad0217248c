package dev.jvmgan.study;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.eval.DomainClassifier;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.eval.ExtractorCache;
import dev.jvmgan.eval.FeatureExtractor;
import dev.jvmgan.eval.RealImages;
import dev.jvmgan.eval.Reference;

import java.io.IOException;

/**
 * The one evaluator every cell of a study is scored by, prepared once: the feature network of the cells' own data
 * and the first {@value Reference#MAX_IMAGES} of its images as the reference.
 *
 * <p>Unlike {@code gan eval}, it never uses the data's other split: for the embedded 10k split, {@code gan eval}
 * switches to a feature network trained on Debian's 60k split when that package is installed (31 minutes to train
 * on this project's machine the first time), while the study's scores must mean the same on every machine and cost
 * what a fresh one can pay. So the reference is the data the feature network trained on (not held out, as
 * {@code gan eval} says of such scores): the README's "not held out" feature network, 147 s to train the first
 * time, then read from the cache ({@link ExtractorCache}) by every later study and {@code gan eval}.
 */
public final class StudyEvaluator {
    private StudyEvaluator() {
    }

    /** The evaluator of {@code data}'s own images, its feature network from {@code cache} or trained now. */
    public static Evaluator open(DataConfig data, ExtractorCache cache, DomainClassifier.Settings settings)
            throws IOException {
        RealImages own = RealImages.open(data);
        FeatureExtractor extractor = FeatureExtractor.forData(own, cache, settings);
        RealImages reference = own.first(Reference.MAX_IMAGES);
        return new Evaluator(extractor, Reference.of(extractor.features(reference), reference.describe(), false));
    }
}
