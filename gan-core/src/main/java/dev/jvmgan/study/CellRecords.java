package dev.jvmgan.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.run.MetricsJsonlListener;
import dev.jvmgan.run.RunInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a cell's run directory, a normal one ({@code gan report} and {@code gan eval} work on it): where it is, whether
 * it finished, and its {@link CellResult} from {@code metrics.jsonl}'s {@code monitor}, {@code eval} and
 * {@code train} records.
 */
public final class CellRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CellRecords() {
    }

    /** The run directory {@code <runsRoot>/NNNNN-<runName>}, the highest number if several; empty if none. */
    public static Optional<Path> find(Path runsRoot, String runName) throws IOException {
        if (!Files.isDirectory(runsRoot)) {
            return Optional.empty();
        }
        Pattern mine = Pattern.compile("\\d{5,}-" + Pattern.quote(runName));
        try (Stream<Path> entries = Files.list(runsRoot)) {
            return entries.filter(Files::isDirectory).filter(p -> mine.matcher(p.getFileName().toString()).matches())
                    .max(Path::compareTo);
        }
    }

    /** Where a run stands. */
    public enum State {
        /** Started, not done: killed, stopped, or still running elsewhere. */
        UNFINISHED,
        /** Trained all its iterations and scored at the last one. */
        FINISHED,
        /** Training diverged (a NaN or infinity): where the learning rate breaks training; kept, not retried. */
        BROKE,
        /**
         * The process failed for another reason than divergence (an exception in the toolkit, out of memory): not a
         * result of the cell, so it is trained again when the study runs again.
         */
        FAILED
    }

    /**
     * A divergence's outcome as the loop words it ({@code train.Divergence}): {@code failed: iteration 28: D loss is
     * NaN; ...} or {@code failed: iteration 12: G gradient ... holds NaN or infinity; ...}. Anything else that failed
     * is the toolkit's failure, not the learning rate's.
     */
    private static final Pattern DIVERGED = Pattern.compile("failed: iteration \\d+: .*(NaN|[Ii]nfinity).*",
            Pattern.DOTALL);

    /**
     * Whether the run trained all {@code iterations} and was scored at the last one ({@code run.json} says
     * {@code finished} and {@code metrics.jsonl} has an {@code eval} record of that iteration), diverged or failed
     * otherwise ({@code failed: ...}, told apart by {@link #DIVERGED}), or neither.
     */
    public static State state(Path runDirectory, long iterations) throws IOException {
        Optional<RunInfo.Session> last = lastSession(runDirectory);
        if (last.isEmpty()) {
            return State.UNFINISHED;
        }
        String outcome = String.valueOf(last.get().outcome());
        if (outcome.startsWith("failed")) {
            return DIVERGED.matcher(outcome).matches() ? State.BROKE : State.FAILED;
        }
        if (!outcome.equals("finished") || last.get().lastIteration() < iterations) {
            return State.UNFINISHED;
        }
        return records(runDirectory).stream().anyMatch(r -> r.path("type").asText().equals("eval")
                && r.path("iteration").asLong() == iterations) ? State.FINISHED : State.UNFINISHED;
    }

    /** The outcome {@code run.json} gives for the run's last process: {@code failed: iteration 5: D loss is NaN}. */
    public static String outcome(Path runDirectory) {
        return lastSession(runDirectory).map(RunInfo.Session::outcome).orElse("no run.json");
    }

    private static Optional<RunInfo.Session> lastSession(Path runDirectory) {
        return RunInfo.read(runDirectory).filter(i -> !i.sessions().isEmpty())
                .map(i -> i.sessions().get(i.sessions().size() - 1));
    }

    /** The run's figures; a run without records gives empty ones. */
    public static CellResult read(Path runDirectory) throws IOException {
        Map<String, List<Long>> iterations = new LinkedHashMap<>();
        Map<String, List<Double>> fractions = new LinkedHashMap<>();
        Map<String, JsonNode> lastLayer = new LinkedHashMap<>();
        List<Double> secondsPerIteration = new ArrayList<>();
        OptionalDouble fd = OptionalDouble.empty();
        int fdImages = 0;
        String extractor = "";
        long lastEval = -1;
        long last = 0;
        int checks = 0;
        for (JsonNode r : records(runDirectory)) {
            String type = r.path("type").asText();
            long iteration = r.path("iteration").asLong();
            switch (type) {
                case "monitor" -> {
                    checks++;
                    for (JsonNode l : r.path("layers")) {
                        String key = l.path("network").asText() + " " + l.path("layer").asText();
                        iterations.computeIfAbsent(key, k -> new ArrayList<>()).add(iteration);
                        fractions.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(l.path("neverPositiveFraction").asDouble());
                        lastLayer.put(key, l);
                    }
                }
                case "eval" -> {
                    if (iteration >= lastEval && r.path("fd").isNumber()) {
                        lastEval = iteration;
                        fd = OptionalDouble.of(r.path("fd").asDouble());
                        fdImages = r.path("n").asInt();
                        extractor = r.path("extractor").asText("");
                    }
                }
                case "train" -> {
                    double itPerSec = r.path("itPerSec").asDouble();
                    if (itPerSec > 0) {
                        secondsPerIteration.add(1 / itPerSec);
                    }
                }
                default -> {
                }
            }
            if (type.equals("train") || type.equals("monitor")) {
                last = Math.max(last, iteration);
            }
        }
        List<CellResult.LayerTrace> layers = new ArrayList<>();
        lastLayer.forEach((key, l) -> layers.add(new CellResult.LayerTrace(l.path("network").asText(),
                l.path("layer").asText(), l.path("activation").asText(), iterations.get(key), fractions.get(key),
                l.path("deadForWindow").asInt(), l.path("units").asInt(),
                l.path("meanNonPositive").asDouble())));
        return new CellResult(last, checks, layers, fd, fdImages, extractor, median(secondsPerIteration));
    }

    /** The median, NaN for none; with an even count, the mean of the middle two. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static List<JsonNode> records(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(MetricsJsonlListener.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    // A run killed mid-write leaves at most its last line cut; the records before it still count.
                    continue;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }
}
