package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.train.ClassDraws;
import dev.jvmgan.train.GanTrainer;
import dev.jvmgan.train.RandomState;
import dev.jvmgan.train.Resumable;

import java.util.ArrayList;
import java.util.List;

/**
 * The classes of a class-conditional run (G, D or both conditional: {@code model.conditional}, or per network
 * {@code model.generator.conditional}, {@code model.discriminator.conditional}): the data's class names (every image
 * must have a class), the stream of classes generated images are drawn for (G is made as them when it is
 * conditional; D judges the fakes under them when it is), and the checkpoint state {@value #STATE} that carries
 * both and which networks took the labels, so that a resumed run continues the stream and samplers know the names.
 *
 * @param names         class names, index = label
 * @param draws         the classes of the fakes of G's training batches
 * @param generator     whether G takes the labels
 * @param discriminator whether D takes the labels
 */
record RunClasses(List<String> names, ClassDraws draws, boolean generator, boolean discriminator) {
    /** The checkpoint's resume state with the class names and the class stream. */
    static final String STATE = dev.jvmgan.checkpoint.Checkpoint.CLASSES;
    /** Keeps the class stream apart from the latents' stream of the same seed. */
    private static final long CLASS_STREAM_SALT = 0x636c617373657321L;

    /**
     * The run's classes, or null for an unconditional run.
     *
     * @throws RunSetupException naming data.path when the data is unlabelled or an image has no class
     */
    static RunClasses of(RunConfig config, TrainingData data, long latentSeed) {
        return of(config, data, data.labels(), latentSeed);
    }

    /**
     * As {@link #of(RunConfig, TrainingData, long)}, with {@code fakeClasses: data} drawing the class shares of
     * {@code shareLabels} rather than of {@code data}'s own labels: a partition's shard (gan-spark) passes the whole
     * data's, so that every partition draws the fakes' classes as the config asks, whatever its slice holds.
     */
    static RunClasses of(RunConfig config, TrainingData data, int[] shareLabels, long latentSeed) {
        ModelConfig model = config.model();
        if (!model.usesClasses()) {
            return null;
        }
        String key = conditionalKey(model);
        String path = config.data().path();
        int[] labels = data.labels();
        List<String> names = data.classNames();
        if (labels == null || names.isEmpty()) {
            throw new RunSetupException(key + ": true, but data.path '" + path + "' has no class labels "
                    + "(an IDX labels file beside the images, or class subfolders); or set " + key + ": false", null);
        }
        int unlabelled = 0;
        for (int label : labels) {
            unlabelled += label < 0 ? 1 : 0;
        }
        if (unlabelled > 0) {
            throw new RunSetupException(key + ": true, but " + unlabelled + " images in data.path '" + path
                    + "' have no class (images directly in the folder, beside class subfolders): move them into a "
                    + "class subfolder, or set " + key + ": false", null);
        }
        long seed = latentSeed ^ CLASS_STREAM_SALT;
        int[] shares = shareLabels != null ? shareLabels : labels;
        ClassDraws draws = config.model().fakeClasses() == ModelConfig.FakeClasses.DATA
                ? ClassDraws.frequencies(shares, names.size(), seed) : ClassDraws.uniform(names.size(), seed);
        return new RunClasses(List.copyOf(names), draws, model.generatorConditional(),
                model.discriminatorConditional());
    }

    /**
     * The key that made a model conditional, for messages: {@code model.conditional} when it is true, else the one
     * network's own key that is.
     */
    static String conditionalKey(ModelConfig model) {
        return model.conditional() ? "model.conditional" : model.generatorConditional()
                ? "model.generator.conditional" : "model.discriminator.conditional";
    }

    int count() {
        return names.size();
    }

    /** The loop's view: the labels of the batch just drawn, and the class stream. */
    GanTrainer.Classes forLoop(dev.jvmgan.data.BatchSource batches) {
        return new GanTrainer.Classes(batches::batchLabels, draws);
    }

    /** {@value #STATE}: the names (checked on resume: a model learnt classes by index) and the stream. */
    Resumable resumable() {
        return Resumable.of(STATE, () -> {
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            ArrayNode saved = state.putArray("names");
            names.forEach(saved::add);
            state.set("fakeClasses", draws.state().toJson());
            return state.put(Checkpoint.GENERATOR_NETWORK, generator).put(Checkpoint.DISCRIMINATOR_NETWORK,
                    discriminator);
        }, saved -> {
            List<String> savedNames = names(saved);
            if (!savedNames.equals(names)) {
                throw new IllegalArgumentException("the checkpoint's model learnt the classes " + savedNames
                        + " but the data has " + names);
            }
            draws.restore(RandomState.fromJson(saved.get("fakeClasses")));
        });
    }

    /** The class names a checkpoint's {@value #STATE} state holds; empty for an unconditional run's. */
    static List<String> names(JsonNode state) {
        List<String> names = new ArrayList<>();
        if (state != null && state.has("names")) {
            state.get("names").forEach(name -> names.add(name.asText()));
        }
        return names;
    }
}
