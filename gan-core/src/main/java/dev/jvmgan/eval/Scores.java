package dev.jvmgan.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every quality score of one set of generated images against real ones, in one feature space, with what makes it
 * comparable: the sample counts and the feature network's hash. Scores under different hashes, or of different
 * counts (the Fréchet distance is biased upwards at small n), are not compared.
 *
 * @param fd             {@link FrechetDistance}
 * @param kid            {@link KernelDistance}
 * @param prdc           {@link PrecisionRecall}
 * @param realCount      real feature vectors
 * @param fakeCount      generated feature vectors
 * @param extractorHash  {@link DomainClassifier#hash()} of the network that made the features
 */
public record Scores(double fd, KernelDistance kid, PrecisionRecall prdc, int realCount, int fakeCount,
                     String extractorHash) {

    /** All scores of {@code fake} against {@code real} features; KID's subsets are drawn from {@code seed}. */
    public static Scores of(double[][] real, double[][] fake, String extractorHash, long seed) {
        return new Scores(FrechetDistance.between(real, fake), KernelDistance.between(real, fake, seed),
                PrecisionRecall.between(real, fake), real.length, fake.length, extractorHash);
    }

    /** As {@link #of(double[][], double[][], String, long)}, with the reference's statistics computed once. */
    public static Scores of(Reference real, double[][] fake, String extractorHash, long seed) {
        return new Scores(FrechetDistance.between(real.moments(), FeatureMoments.of(fake)),
                KernelDistance.between(real.features(), fake, seed), PrecisionRecall.between(real.manifold(), fake),
                real.count(), fake.length, extractorHash);
    }

    /** One line a person reads: {@code FD 12.3  KID 0.0045 +- 0.0007  P 0.81 R 0.62 D 0.95 C 0.88  (n = 10000 ...)}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "FD %.3f  KID %.5f +- %.5f  precision %.3f recall %.3f "
                        + "density %.3f coverage %.3f  (%d generated against %d real, extractor %s)", fd, kid.mean(),
                kid.std(), prdc.precision(), prdc.recall(), prdc.density(), prdc.coverage(), fakeCount, realCount,
                extractorHash.substring(0, Math.min(12, extractorHash.length())));
    }

    /** The scores as a JSON object, the form metrics.jsonl's {@code "type": "eval"} records will carry. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("fd", fd).put("kid", kid.mean()).put("kidStd", kid.std()).put("kidSubsets", kid.subsets())
                .put("kidSubsetSize", kid.subsetSize()).put("precision", prdc.precision()).put("recall", prdc.recall())
                .put("density", prdc.density()).put("coverage", prdc.coverage()).put("k", prdc.k())
                .put("realCount", realCount).put("fakeCount", fakeCount).put("extractor", extractorHash);
        return node;
    }
}
