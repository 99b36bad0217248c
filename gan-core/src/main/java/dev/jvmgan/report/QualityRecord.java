package dev.jvmgan.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One quality evaluation of metrics.jsonl ({@code "type": "eval"}), as the evaluation issue writes them:
 * {@code {"type":"eval","iteration":N,"fd":..,"kid":..,"kidStd":..,"precision":..,"recall":..,"density":..,
 * "coverage":..,"n":..,"extractor":"<hash>"}}, and for a class-conditional generator {@code "classAgreement"},
 * {@code "meanIntraFd"} and {@code "perClass": [{"class": "Dress", "agreement": .., "realAgreement": .., "intraFd":
 * .., "generated": .., "real": ..}, ...]} (JSON null where a score is not defined, with {@code "classAgreementNote"}
 * or {@code "intraFdNote"} saying why; records older than {@code realAgreement} lack it, which reads as NaN). Every
 * field name the report reads is a constant here, so the format can change in this one file.
 *
 * @param values   each score present in the record, by field name, in {@link #SCORES} order, then
 *                 {@link #CLASS_SCORES}'
 * @param perClass a conditional generator's scores per class, in label order; empty otherwise
 * @param notes    why a per-class score is not defined ({@code class agreement: not defined: ...}); empty if all are
 */
public record QualityRecord(long iteration, Map<String, Double> values, long samples, String extractor,
                            List<ClassRow> perClass, List<String> notes) {
    public static final String TYPE = "eval";
    public static final String ITERATION = "iteration";
    /** Fréchet distance between feature distributions: lower is better; the score the best checkpoint is marked by. */
    public static final String FD = "fd";
    public static final String KID = "kid";
    public static final String KID_STD = "kidStd";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String DENSITY = "density";
    public static final String COVERAGE = "coverage";
    public static final String SAMPLES = "n";
    public static final String EXTRACTOR = "extractor";
    /** The scores charted, lower-is-better distances first, then the fidelity and diversity fractions. */
    public static final List<String> SCORES = List.of(FD, KID, PRECISION, RECALL, DENSITY, COVERAGE);
    /** Share of the generated images the feature network classifies as the class they were made as. */
    public static final String CLASS_AGREEMENT = "classAgreement";
    /** Mean over the classes of the FD between a class's generated and real images. */
    public static final String MEAN_INTRA_FD = "meanIntraFd";
    /** A conditional generator's overall per-class scores. */
    public static final List<String> CLASS_SCORES = List.of(CLASS_AGREEMENT, MEAN_INTRA_FD);
    public static final String PER_CLASS = "perClass";
    private static final List<String> NOTES = List.of("classAgreementNote", "intraFdNote");

    /**
     * One class's row of {@code perClass}; a score not defined, or missing from an older record, is NaN.
     *
     * @param realAgreement share of the real reference images of this class the feature network classifies as it
     * @param generated generated images made as this class
     * @param real      reference images of this class
     */
    public record ClassRow(String name, double agreement, double realAgreement, double intraFd, long generated,
                           long real) {
    }

    public QualityRecord {
        values = Map.copyOf(values);
        perClass = List.copyOf(perClass);
        notes = List.copyOf(notes);
    }

    /** A record without per-class scores. */
    public QualityRecord(long iteration, Map<String, Double> values, long samples, String extractor) {
        this(iteration, values, samples, extractor, List.of(), List.of());
    }

    /** The record's scores that are numbers; a missing or non-numeric field is left out. */
    static QualityRecord from(JsonNode record) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String score : SCORES) {
            JsonNode v = record.get(score);
            if (v != null && v.isNumber()) {
                values.put(score, v.asDouble());
            }
        }
        JsonNode std = record.get(KID_STD);
        if (std != null && std.isNumber()) {
            values.put(KID_STD, std.asDouble());
        }
        for (String score : CLASS_SCORES) {
            JsonNode v = record.get(score);
            if (v != null && v.isNumber()) {
                values.put(score, v.asDouble());
            }
        }
        List<ClassRow> perClass = new ArrayList<>();
        for (JsonNode row : record.path(PER_CLASS)) {
            perClass.add(new ClassRow(row.path("class").asText("?"), number(row.get("agreement")),
                    number(row.get("realAgreement")), number(row.get("intraFd")), row.path("generated").asLong(0),
                    row.path("real").asLong(0)));
        }
        List<String> notes = new ArrayList<>();
        for (String note : NOTES) {
            if (record.path(note).isTextual()) {
                notes.add((note.startsWith("class") ? "class agreement: " : "intra-FD: ") + record.get(note).asText());
            }
        }
        return new QualityRecord(record.path(ITERATION).asLong(), values, record.path(SAMPLES).asLong(0),
                record.path(EXTRACTOR).asText(""), perClass, notes);
    }

    private static double number(JsonNode v) {
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** Whether this record holds a conditional generator's per-class scores (some of them may be undefined). */
    public boolean hasClassScores() {
        return !perClass.isEmpty() || CLASS_SCORES.stream().anyMatch(values::containsKey);
    }

    /** The value of {@code score}, if this record has it. */
    public OptionalDouble get(String score) {
        Double v = values.get(score);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
