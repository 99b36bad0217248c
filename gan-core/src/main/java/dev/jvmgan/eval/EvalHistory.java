package dev.jvmgan.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@value #FILE} in a run directory: every score {@code gan eval} computed for the run's checkpoints, one JSON
 * object per line ({@link Evaluation#toJson}). A score is only comparable to the others under the same feature
 * network, so {@link #requireExtractor} refuses a new one whose hash differs from those already there.
 */
public final class EvalHistory {
    public static final String FILE = "eval.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalHistory() {
    }

    /**
     * @throws ExtractorMismatchException naming both hashes when a stored score was computed under another
     *                                    feature network than {@code hash}
     */
    public static void requireExtractor(Path runDirectory, String hash) throws IOException {
        Path file = runDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode record;
            try {
                record = JSON.readTree(lines.get(i));
            } catch (IOException torn) {
                continue; // a line cut short by a crash holds no finished score
            }
            String stored = record == null ? "" : record.path("extractor").asText("");
            if (!stored.isEmpty() && !stored.equals(hash)) {
                throw new ExtractorMismatchException(file + ":" + (i + 1) + " holds a score under feature network "
                        + shortHash(stored) + ", and this one is under " + shortHash(hash) + ": scores under different"
                        + " feature networks are not comparable. The data or the feature network's settings changed"
                        + " since (or its cache was deleted and it was trained again); move " + FILE + " aside to"
                        + " start a new record", stored, hash);
            }
        }
    }

    /** Appends one line; a crash mid-write leaves at most a torn last line, which readers skip. */
    public static void append(Path runDirectory, Evaluation evaluation) throws IOException {
        try (Writer out = Files.newBufferedWriter(runDirectory.resolve(FILE), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(JSON.writeValueAsString(evaluation.toJson(JSON)));
            out.write('\n');
        }
    }

    /**
     * Every score in the run's {@value #FILE}, oldest first (a torn line is skipped): for a chart of the scores so
     * far.
     */
    public static List<Evaluation> read(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE);
        List<Evaluation> evaluations = new java.util.ArrayList<>();
        if (!Files.exists(file)) {
            return evaluations;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            if (r == null || !r.path("fd").isNumber()) {
                continue;
            }
            Scores scores = new Scores(r.path("fd").asDouble(), new KernelDistance(r.path("kid").asDouble(),
                    r.path("kidStd").asDouble(), r.path("kidSubsets").asInt(), r.path("kidSubsetSize").asInt()),
                    new PrecisionRecall(r.path("precision").asDouble(), r.path("recall").asDouble(),
                            r.path("density").asDouble(), r.path("coverage").asDouble(), r.path("k").asInt()),
                    r.path("realCount").asInt(), r.path("fakeCount").asInt(), r.path("extractor").asText(""));
            evaluations.add(new Evaluation(r.path("subject").asText(""), r.path("iteration").isNumber()
                    ? r.path("iteration").asLong() : null, r.path("fakes").asText(""), scores,
                    r.path("kidSeed").asLong(), r.path("reference").asText(""), r.path("referenceHeldOut").asBoolean(),
                    r.path("extractorAccuracy").asDouble(), r.path("extractorTask").asText(""),
                    r.path("extractorTrainedOn").asText(""), r.path("seconds").asDouble()));
        }
        return evaluations;
    }

    /**
     * Drops the scores of {@code subject} after {@code iteration} (a resumed run scores those iterations again);
     * the others, such as {@code gan eval}'s of checkpoints, stay. Returns how many were dropped.
     */
    public static int dropAfter(Path runDirectory, String subject, long iteration) throws IOException {
        Path file = runDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> kept = new java.util.ArrayList<>();
        int dropped = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (IOException torn) {
                dropped++;
                continue;
            }
            if (r != null && subject.equals(r.path("subject").asText()) && r.path("iteration").asLong(0) > iteration) {
                dropped++;
            } else {
                kept.add(line);
            }
        }
        if (dropped > 0) {
            Path temp = file.resolveSibling(FILE + ".tmp");
            Files.write(temp, kept, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return dropped;
    }

    static String shortHash(String hash) {
        return hash.substring(0, Math.min(12, hash.length()));
    }
}
