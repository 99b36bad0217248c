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

    static String shortHash(String hash) {
        return hash.substring(0, Math.min(12, hash.length()));
    }
}
