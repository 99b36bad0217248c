package dev.jvmgan.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One quality evaluation of metrics.jsonl ({@code "type": "eval"}), as the evaluation issue writes them:
 * {@code {"type":"eval","iteration":N,"fd":..,"kid":..,"kidStd":..,"precision":..,"recall":..,"density":..,
 * "coverage":..,"n":..,"extractor":"<hash>"}}. Every field name the report reads is a constant here, so the
 * format can change in this one file.
 *
 * @param values each score present in the record, by field name, in {@link #SCORES} order
 */
public record QualityRecord(long iteration, Map<String, Double> values, long samples, String extractor) {
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

    public QualityRecord {
        values = Map.copyOf(values);
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
        return new QualityRecord(record.path(ITERATION).asLong(), values, record.path(SAMPLES).asLong(0),
                record.path(EXTRACTOR).asText(""));
    }

    /** The value of {@code score}, if this record has it. */
    public OptionalDouble get(String score) {
        Double v = values.get(score);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
