package dev.jvmgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a run's metrics.jsonl, by type. Lines that are not JSON objects (a line torn by a crash) are
 * counted, not fatal, and record types this reader does not know are skipped, so a report can be drawn from any
 * run, finished, running or killed. Numbers missing from a record read as NaN, which the charts leave as gaps.
 *
 * @param unreadableLines lines that were not JSON objects
 */
public record RunRecords(List<Train> train, List<Check> checks, List<AlertRecord> alerts, List<ResumeRecord> resumes,
                         List<QualityRecord> quality, int unreadableLines) {
    /** The file in a run directory (written by the run package's metrics listener). */
    public static final String FILE = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A {@code train} record: means over the iterations since the previous one.
     *
     * @param dOutput           what dReal and dFake are: {@code probability} (records without the field),
     *                          {@code raw} or {@code critic}
     * @param classAccuracyReal with ACGAN's auxiliary classifier, the share of real images D's class head gets
     *                          right; NaN without one
     * @param classAccuracyFake ... and of G's images, as the class each was made as; NaN without one
     */
    public record Train(long iteration, double dLoss, double gLoss, double dReal, double dFake, double itPerSec,
                        String time, String dOutput, double classAccuracyReal, double classAccuracyFake) {
        /** Whether D has a class head (ACGAN) whose accuracies this record carries. */
        public boolean hasClassHead() {
            return !Double.isNaN(classAccuracyReal);
        }
    }

    /** One monitor check ({@code monitor} record): D's outputs, G's signal and the per-layer figures. */
    public record Check(long iteration, double dReal, double dFake, double gSignal, List<Units> units,
                        List<Gradient> gradients) {
    }

    /** One activation layer at one check: fractions in [0, 1]. */
    public record Units(String network, String layer, String activation, String label, long units,
                        double neverPositiveFraction, double meanNonPositive, double saturatedFraction) {
        /** {@code "D act1"}. */
        public String name() {
            return network + " " + layer;
        }
    }

    /** One parameter of one layer at one check. */
    public record Gradient(String network, String layer, String param, double norm, double paramNorm,
                           double updateRatio, boolean vanishing, boolean exploding) {
    }

    /** An {@code alert} record. */
    public record AlertRecord(long iteration, String rule, String policy, String message) {
    }

    /** A {@code resume} record: where a resumed process continued, from which checkpoint. */
    public record ResumeRecord(long iteration, String checkpoint, int configChanges) {
    }

    public RunRecords {
        train = List.copyOf(train);
        checks = List.copyOf(checks);
        alerts = List.copyOf(alerts);
        resumes = List.copyOf(resumes);
        quality = List.copyOf(quality);
    }

    /** Reads {@code runDirectory/metrics.jsonl}; a run without one has no records. */
    public static RunRecords read(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE);
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<Train> train = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        List<AlertRecord> alerts = new ArrayList<>();
        List<ResumeRecord> resumes = new ArrayList<>();
        List<QualityRecord> quality = new ArrayList<>();
        int unreadable = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            if (r == null || !r.isObject()) {
                unreadable++;
                continue;
            }
            switch (r.path("type").asText()) {
                case "train" -> train.add(new Train(r.path("iteration").asLong(), num(r, "dLoss"), num(r, "gLoss"),
                        num(r, "dReal"), num(r, "dFake"), num(r, "itPerSec"), r.path("time").asText(""),
                        r.path("dOutput").asText("probability"), num(r, "classAccuracyReal"),
                        num(r, "classAccuracyFake")));
                case "monitor" -> checks.add(check(r));
                case "alert" -> alerts.add(new AlertRecord(r.path("iteration").asLong(), r.path("rule").asText("?"),
                        r.path("policy").asText("warn"), r.path("message").asText("")));
                case "resume" -> resumes.add(new ResumeRecord(r.path("iteration").asLong(),
                        r.path("checkpoint").asText(""), r.path("configChanges").size()));
                case QualityRecord.TYPE -> quality.add(QualityRecord.from(r));
                default -> { }
            }
        }
        return new RunRecords(train, checks, alerts, resumes, quality, unreadable);
    }

    private static Check check(JsonNode r) {
        List<Units> units = new ArrayList<>();
        for (JsonNode l : r.path("layers")) {
            units.add(new Units(l.path("network").asText("?"), l.path("layer").asText("?"),
                    l.path("activation").asText(""), l.path("label").asText("never positive"), l.path("units").asLong(),
                    num(l, "neverPositiveFraction"), num(l, "meanNonPositive"), num(l, "saturatedFraction")));
        }
        List<Gradient> gradients = new ArrayList<>();
        for (JsonNode g : r.path("gradients")) {
            gradients.add(new Gradient(g.path("network").asText("?"), g.path("layer").asText("?"),
                    g.path("param").asText("?"), num(g, "norm"), num(g, "paramNorm"), num(g, "updateRatio"),
                    g.path("vanishing").asBoolean(false), g.path("exploding").asBoolean(false)));
        }
        return new Check(r.path("iteration").asLong(), num(r, "dReal"), num(r, "dFake"), num(r, "gSignal"), units,
                gradients);
    }

    /** A number, or NaN when absent or not numeric (Jackson writes NaN as a string: "NaN"). */
    private static double num(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The last iteration any record names, or 0 for a run without records. */
    public long lastIteration() {
        long last = 0;
        for (Train t : train) {
            last = Math.max(last, t.iteration());
        }
        for (Check c : checks) {
            last = Math.max(last, c.iteration());
        }
        return last;
    }
}
