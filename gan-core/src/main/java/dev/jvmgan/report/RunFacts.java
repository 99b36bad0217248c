package dev.jvmgan.report;

import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.ClassesFile;
import dev.jvmgan.run.RunInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header facts of a run, as label and text: from {@code run.json} where the run has one, else what
 * metrics.jsonl allows (duration from the records' times), and "not recorded" for the rest.
 */
final class RunFacts {
    static final String NOT_RECORDED = "not recorded (run made before run.json)";

    private RunFacts() {
    }

    /** The facts in display order: seed, version, backend, device, duration, it/s, peak memory, iterations, ... */
    static Map<String, String> of(Path runDirectory, Optional<RunConfig> config, RunRecords records) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("run directory", runDirectory.toAbsolutePath().normalize().toString());
        facts.put("seed", config.map(c -> Long.toString(c.train().seed())).orElse("unknown"));
        Optional<RunInfo> info = RunInfo.read(runDirectory);
        List<RunInfo.Session> sessions = info.map(RunInfo::sessions).orElse(List.of());
        String target = config.map(c -> " of " + c.train().iterations()).orElse("");
        facts.put("iterations", records.lastIteration() + target);
        config.filter(c -> c.model().usesClasses()).ifPresent(c -> conditional(runDirectory, c.model(), facts));
        if (sessions.isEmpty()) {
            facts.put("toolkit version", NOT_RECORDED);
            facts.put("backend", NOT_RECORDED);
            facts.put("device", NOT_RECORDED);
            facts.put("duration", durationFromRecords(records).map(s -> Html.duration(s) + " (first to last record)")
                    .orElse("unknown"));
            facts.put("it/s", meanItPerSec(records).map(v -> Html.num(v) + " (mean of the logging intervals)")
                    .orElse("unknown"));
            facts.put("peak memory", NOT_RECORDED);
            return facts;
        }
        RunInfo.Session last = sessions.get(sessions.size() - 1);
        facts.put("toolkit version", last.toolkitVersion());
        facts.put("backend", last.backend());
        facts.put("device", last.device() + ", Java " + last.java());
        double seconds = sessions.stream().mapToDouble(RunInfo.Session::trainingSeconds).sum();
        long trained = sessions.stream().mapToLong(s -> s.lastIteration() - s.firstIteration()).sum();
        facts.put("duration", Html.duration(seconds) + " of training" + (sessions.size() > 1 ? " in "
                + sessions.size() + " processes (resumed)" : ""));
        // Wall-clock over the whole training time: samples, checkpoints and this report count, as they do for a user.
        facts.put("it/s", seconds > 0 ? Html.num(trained / seconds) + " over " + trained + " iterations" : "unknown");
        Long peak = sessions.stream().map(RunInfo.Session::peakRssBytes).filter(p -> p != null)
                .max(Long::compare).orElse(null);
        facts.put("peak memory", peak == null ? "not measured on this OS" : Html.bytes(peak) + " peak RSS");
        facts.put("outcome", last.outcome() + " (last update " + last.updated().replace('T', ' ')
                .replaceAll("\\.\\d+Z$", "Z") + ")");
        return facts;
    }

    /** A class-conditional run's facts: which networks took the labels, its classes, how the fakes' were drawn. */
    private static void conditional(Path runDirectory, ModelConfig model, Map<String, String> facts) {
        boolean g = model.generatorConditional();
        boolean d = model.discriminatorConditional();
        facts.put("model", g && d ? "class-conditional: G(z, y) and D(x, y)"
                : g ? "class-conditional G alone: G(z, y), D(x) (nothing makes G obey the label)"
                : "class-conditional D alone: G(z), D(x, y) (D judges each fake under a drawn class)");
        Optional<ClassesFile> classes = ClassesFile.read(runDirectory);
        facts.put("classes", classes.map(c -> c.count() + ": " + String.join(", ", c.shown()))
                .orElse("not recorded (run made before " + ClassesFile.FILE + ")"));
        facts.put("fake classes", model.fakeClasses() == ModelConfig.FakeClasses.DATA
                ? "data (each class with its share of the training labels)" : "uniform (1/K each)");
    }

    private static Optional<Double> durationFromRecords(RunRecords records) {
        if (records.train().size() < 2) {
            return Optional.empty();
        }
        try {
            Instant first = Instant.parse(records.train().get(0).time());
            Instant last = Instant.parse(records.train().get(records.train().size() - 1).time());
            return Optional.of(Duration.between(first, last).toMillis() / 1000.0);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> meanItPerSec(RunRecords records) {
        return records.train().stream().mapToDouble(RunRecords.Train::itPerSec).filter(Double::isFinite).boxed()
                .reduce(Double::sum).map(sum -> sum / records.train().size());
    }
}
