package dev.jvmgan.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One scored set of images with everything that makes the score reproducible and comparable: which images (n and
 * their seeds), against which real images, under which feature network (its hash and held-out accuracy), and
 * KID's subset seed. {@code gan eval} prints these and appends them to a run's {@code eval.jsonl}.
 *
 * @param subject            what was scored: a checkpoint file, a folder, an IDX file
 * @param iteration          the generator's training iteration, or null for images from elsewhere
 * @param fakesFrom          which of the subject's images: {@code seeds 0-9999}, {@code the first 10,000}
 * @param scores             the metrics, with the counts and the feature network's hash
 * @param kidSeed            seed of KID's subsets
 * @param reference          {@link Reference#describe()}
 * @param referenceHeldOut   whether the feature network never trained on the reference images
 * @param extractorAccuracy  the feature network's held-out accuracy on its own task
 * @param extractorTask      {@link FeatureExtractor#task()}
 * @param extractorTrainedOn {@link FeatureExtractor#trainedOn()}
 * @param seconds            time to extract the features and compute the scores (with generation, for a generator)
 * @param classScores        a class-conditional generator's per-class scores, or null
 */
public record Evaluation(String subject, Long iteration, String fakesFrom, Scores scores, long kidSeed,
                         String reference, boolean referenceHeldOut, double extractorAccuracy, String extractorTask,
                         String extractorTrainedOn, double seconds, ClassScores classScores) {
    /** The {@code "type"} of these records, in {@code eval.jsonl} and later in {@code metrics.jsonl}. */
    public static final String TYPE = "eval";

    /** The evaluation of unconditional images (no per-class scores). */
    public Evaluation(String subject, Long iteration, String fakesFrom, Scores scores, long kidSeed, String reference,
                      boolean referenceHeldOut, double extractorAccuracy, String extractorTask,
                      String extractorTrainedOn, double seconds) {
        this(subject, iteration, fakesFrom, scores, kidSeed, reference, referenceHeldOut, extractorAccuracy,
                extractorTask, extractorTrainedOn, seconds, null);
    }

    /** The feature network's hash. */
    public String extractorHash() {
        return scores.extractorHash();
    }

    /** One JSON object, flat: the scores' fields plus the provenance, and {@link ClassScores#toJson} when there. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("type", TYPE).put("subject", subject);
        if (iteration != null) {
            node.put("iteration", iteration);
        } else {
            node.putNull("iteration");
        }
        node.put("fakes", fakesFrom).put("n", scores.fakeCount());
        node.setAll(scores.toJson(json));
        if (classScores != null) {
            node.setAll(classScores.toJson(json));
        }
        return node.put("kidSeed", kidSeed).put("reference", reference).put("referenceHeldOut", referenceHeldOut)
                .put("extractorAccuracy", extractorAccuracy).put("extractorTask", extractorTask)
                .put("extractorTrainedOn", extractorTrainedOn).put("seconds", seconds);
    }
}
