package dev.jvmgan.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Trained feature networks kept on disk, so each dataset's is trained once: {@code <dir>/<key>.zip} (the DL4J model)
 * and {@code <key>.json} (its held-out accuracy, hash and what it was trained on). The key is SHA-256 of everything
 * that shapes the network: the data's fingerprint (for files, their paths, sizes and modification times, as the
 * folder disk cache uses), the image shape, the task (labels or rotations) and the training settings, its thread
 * count included. Change any of them and a new network is trained; the old file stays until deleted.
 */
public final class ExtractorCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    public ExtractorCache(Path directory) {
        this.directory = directory;
    }

    /**
     * {@code extractors/} under the directory {@code data.cache: disk} uses: {@code $GAN_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/jvm-gan}, else {@code ~/.cache/jvm-gan}.
     */
    public static Path defaultDirectory() {
        String explicit = System.getenv("GAN_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit, "extractors");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvm-gan").resolve("extractors");
    }

    /** Where the networks are kept. */
    public Path directory() {
        return directory;
    }

    /** The cache key of a feature network trained on data with this fingerprint, shape, task and settings. */
    public static String key(String dataFingerprint, int channels, int size, String task,
                             DomainClassifier.Settings settings) {
        String what = String.join("\n", "jvm-gan feature network v1", dataFingerprint, channels + "x" + size + "x"
                + size, task, settings.toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(what.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The cached network of {@code key}, or a newly trained one (then written to the cache). */
    public Cached getOrTrain(String key, Supplier<DomainClassifier> training) throws IOException {
        return getOrTrain(key, "", training);
    }

    /** As {@link #getOrTrain(String, Supplier)}; {@code description} goes into the JSON file, for people. */
    public Cached getOrTrain(String key, String description, Supplier<DomainClassifier> training) throws IOException {
        Optional<Cached> hit = read(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        long started = System.nanoTime();
        DomainClassifier trained = training.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        write(key, description, trained, seconds);
        return new Cached(trained, seconds, false);
    }

    /**
     * A feature network from the cache or just trained.
     *
     * @param trainingSeconds how long it took to train (when it was trained, in whichever run that was)
     * @param fromCache       whether it was read rather than trained now
     */
    public record Cached(DomainClassifier classifier, double trainingSeconds, boolean fromCache) {
    }

    Optional<Cached> read(String key) throws IOException {
        Path model = directory.resolve(key + ".zip");
        Path meta = directory.resolve(key + ".json");
        if (!Files.isRegularFile(model) || !Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        var info = JSON.readTree(meta.toFile());
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        DomainClassifier classifier = DomainClassifier.loaded(network, info.path("heldOutAccuracy").asDouble());
        if (!classifier.hash().equals(info.path("hash").asText())) {
            throw new IOException(model + " is not the network its " + meta.getFileName() + " names (hash "
                    + classifier.hash() + ", expected " + info.path("hash").asText() + "): delete both files to "
                    + "train it again");
        }
        return Optional.of(new Cached(classifier, info.path("trainingSeconds").asDouble(), true));
    }

    private void write(String key, String description, DomainClassifier trained, double seconds)
            throws IOException {
        Files.createDirectories(directory);
        Path model = directory.resolve(key + ".zip");
        Path tmp = Files.createTempFile(directory, "." + key, ".tmp");
        try {
            ModelSerializer.writeModel(trained.network(), tmp.toFile(), false);
            Files.move(tmp, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        ObjectNode info = JSON.createObjectNode().put("key", key).put("description", description)
                .put("hash", trained.hash())
                .put("heldOutAccuracy", trained.heldOutAccuracy()).put("trainingSeconds", seconds);
        Path metaTmp = Files.createTempFile(directory, "." + key, ".tmp");
        try {
            Files.writeString(metaTmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));
            // The metadata last: a reader sees a cache entry only once its model file is whole.
            Files.move(metaTmp, directory.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(metaTmp);
        }
    }
}
