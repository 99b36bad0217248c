package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.EvalConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.eval.DomainClassifier;
import dev.jvmgan.eval.EvalHistory;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.eval.ExtractorCache;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingSession;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** Quality scores during training on a tiny run: when they are made, what they write, best.zip by FD, resume. */
class EvalRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One epoch of the feature network: enough to have features, quick on 8x8 images. */
    private static final DomainClassifier.Settings SMALL = new DomainClassifier.Settings(1, 0.25, 3L);

    static RunConfig config(Path images, Path runs, int iterations, int evalEvery, String bestMetric) {
        RunConfig tiny = TinyRuns.config(images, runs, iterations);
        return new RunConfig(tiny.name(), tiny.data(), tiny.model(), tiny.train(),
                new OutputConfig(runs.toString(), 1, 100, 3, 10, bestMetric, "min"), tiny.monitors(),
                new EvalConfig(evalEvery, 10));
    }

    static TrainingRun run(RunConfig config, Path cache) {
        return new TrainingRun(config, false).withEvaluator(() -> Evaluator.forData(config.data(),
                new ExtractorCache(cache), SMALL));
    }

    static List<JsonNode> records(Path runDir, String type) throws Exception {
        return Files.readAllLines(runDir.resolve(MetricsJsonlListener.FILE_NAME)).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).filter(r -> r.path("type").asText().equals(type)).toList();
    }

    @Test
    void scoresEveryNIterationsAndAtTheEndIntoMetricsEvalJsonlChartAndReport(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 21);
        Path runDir = run(config(images, tmp.resolve("runs"), 5, 2, "none"), tmp.resolve("cache")).run();

        List<JsonNode> evals = records(runDir, "eval");
        assertThat(evals).extracting(r -> r.get("iteration").asLong()).containsExactly(2L, 4L, 5L);
        for (JsonNode r : evals) {
            for (String field : List.of("fd", "kid", "kidStd", "precision", "recall", "density", "coverage")) {
                assertThat(r.get(field).isNumber()).as(field).isTrue();
            }
            assertThat(r.get("n").asInt()).isEqualTo(10);
            assertThat(r.get("extractor").asText()).hasSize(64);
        }
        assertThat(EvalHistory.read(runDir)).extracting(e -> e.iteration()).containsExactly(2L, 4L, 5L);
        assertThat(runDir.resolve(EvalListener.CHART)).isNotEmptyFile();
        String report = Files.readString(runDir.resolve("report.html"));
        assertThat(report).contains("quality-fd").contains("Last evaluation, iteration 5")
                .doesNotContain("No quality scores in this run");
    }

    @Test
    void aConditionalRunIsScoredPerClassDuringTrainingAndItsReportShowsTheClasses(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.labelledIdxImages(tmp, 32, 3, 26);
        RunConfig plain = config(images, tmp.resolve("runs"), 4, 2, "none");
        var m = plain.model();
        var monitors = plain.monitors();
        // Monitors every 2 iterations, so the report has gradient heatmaps to show the label path in.
        RunConfig conditional = new RunConfig(plain.name(), plain.data(), new dev.jvmgan.config.ModelConfig(
                m.latentDim(), m.generator(), m.discriminator(), true, dev.jvmgan.config.ModelConfig.FakeClasses.DATA),
                plain.train(), plain.output(), new dev.jvmgan.config.MonitorConfig(2, 2, 4, monitors.vanishingBelow(),
                monitors.explodingAbove(), monitors.alerts()), plain.eval());
        Path runDir = run(conditional, tmp.resolve("cache")).run();

        List<JsonNode> evals = records(runDir, "eval");
        assertThat(evals).extracting(r -> r.get("iteration").asLong()).containsExactly(2L, 4L);
        for (JsonNode r : evals) {
            // The feature network learnt the data's 3 classes, and the reference (the data itself) has labels.
            assertThat(r.get("classAgreement").isNumber()).as(r.toString()).isTrue();
            assertThat(r.get("meanIntraFd").isNumber()).as(r.toString()).isTrue();
            assertThat(r.get("fakes").asText()).isEqualTo("seeds 0-9, seed s as class s mod 3");
            assertThat(r.get("perClass")).extracting(c -> c.get("class").asText()).containsExactly("0", "1", "2");
            assertThat(r.get("perClass")).extracting(c -> c.get("generated").asInt()).containsExactly(4, 3, 3);
        }
        // Real agreement is the classifier's on the reference alone: the same at every iteration, whatever G does.
        assertThat(evals.get(0).get("realClassAgreement").isNumber()).isTrue();
        assertThat(evals.get(1).get("realClassAgreement")).isEqualTo(evals.get(0).get("realClassAgreement"));
        List<String> history = Files.readAllLines(runDir.resolve(EvalHistory.FILE));
        assertThat(JSON.readTree(history.get(history.size() - 1)).get("perClass")).hasSize(3);

        String report = Files.readString(runDir.resolve("report.html"));
        assertThat(report).contains("<dt>classes</dt><dd>3: 0, 1, 2</dd>")
                .contains("<dt>fake classes</dt><dd>data (each class with its share of the training labels)</dd>")
                .contains("data-chart=\"quality-agreement\"").contains("data-series=\"class agreement\"")
                .contains("data-series=\"mean intra-FD\"")
                .contains("<table class=\"per-class\" data-rows=\"3\">")
                .contains("<ol class=\"row-labels\" data-rows=\"3\"");
        // The label path's layers have parameters, so the monitors' gradient heatmaps have rows for them.
        assertThat(report).contains(">G gain1<").contains(">G shift1<").contains(">D embed<");
    }

    @Test
    void theDefaultConfigWritesNoScores(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 22);
        Path runDir = new TrainingRun(TinyRuns.config(images, tmp.resolve("runs"), 3), false).run();
        assertThat(records(runDir, "eval")).isEmpty();
        assertThat(runDir.resolve(EvalHistory.FILE)).doesNotExist();
        assertThat(Checkpoint.read(Checkpoints.file(runDir, 3), false).resumeState()).doesNotContainKey("eval");
    }

    @Test
    void bestZipIsTheCheckpointWithTheLowestScoreNotTheLast(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 23);
        RunConfig config = config(images, tmp.resolve("runs"), 6, 2, "fd");
        Path runDir = Files.createDirectories(tmp.resolve("run"));
        RunNetworks networks = RunNetworks.of(config, new ImageShape(1, 8), Seeds.of(7), null);
        TrainingSession session = new TrainingSession(config, runDir, new ImageShape(1, 8), networks.generator(),
                networks.discriminator());
        Map<Long, Double> fd = Map.of(2L, 5.0, 4L, 3.0, 6L, 4.0);
        CheckpointListener checkpoints = new CheckpointListener(config.output()).withQualityScores(
                (iteration, metric) -> fd.containsKey(iteration) && metric.equals("fd")
                        ? OptionalDouble.of(fd.get(iteration)) : OptionalDouble.empty(), 2);
        for (long i = 1; i <= 6; i++) {
            checkpoints.iterationDone(session, new IterationStats(i, 4 * i, 1, 1, 0.5, 0.5, 0));
        }

        // checkpointEvery is 3: the scored iterations 2, 4 and 6 get checkpoints of their own.
        assertThat(Checkpoints.list(runDir)).containsExactly(Checkpoints.file(runDir, 2), Checkpoints.file(runDir, 3),
                Checkpoints.file(runDir, 4), Checkpoints.file(runDir, 6));
        Checkpoint best = Checkpoint.read(Checkpoints.best(runDir), false);
        assertThat(best.state().iteration()).isEqualTo(4);
        assertThat(best.resumeState().get("checkpoints").get("bestValue").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aRunWithBestByFdKeepsTheCheckpointOfItsLowestScore(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 24);
        Path runDir = run(config(images, tmp.resolve("runs"), 5, 2, "fd"), tmp.resolve("cache")).run();

        JsonNode lowest = records(runDir, "eval").stream()
                .min(java.util.Comparator.comparingDouble(r -> r.get("fd").asDouble())).orElseThrow();
        assertThat(Checkpoint.read(Checkpoints.best(runDir), false).state().iteration())
                .isEqualTo(lowest.get("iteration").asLong());
    }

    @Test
    void stopAndResumeWithScoresOnIsBitwiseTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 25);
        AlertConfig alerts = TinyRuns.config(images, tmp, 1).monitors().alerts();
        // A regression threshold every score exceeds, so the rule's streak is part of the state that must resume.
        AlertConfig touchy = new AlertConfig(alerts.deadFraction(), alerts.deadRise(), alerts.dRealAbove(),
                alerts.dFakeBelow(), alerts.overpowerChecks(), alerts.gSignalBelow(), 1e-9, 1000, 0.02, 0.02, 0.5, 2,
                alerts.policy());
        Path cache = tmp.resolve("cache");
        RunConfig a = withAlerts(config(images, tmp.resolve("a"), 8, 2, "fd"), touchy);
        RunConfig b = withAlerts(config(images, tmp.resolve("b"), 8, 2, "fd"), touchy);
        Path straight = run(a, cache).run();
        ResumeTest.StopAt stop = new ResumeTest.StopAt(5);
        TrainingRun first = run(b, cache).withListener(stop);
        stop.run = first;
        Path resumed = first.run();
        run(b, cache).resumingFrom(resumed, Checkpoints.loadLatest(resumed), List.of()).run();

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 8), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 8), true);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(((NeuralNetwork) actual.generator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.generator()).updaterState());
        assertThat(actual.resumeState().get("eval")).isEqualTo(expected.resumeState().get("eval"));
        assertThat(actual.resumeState().get("eval").get("alerts").get("quality-regressed").get("bestFd").isNumber())
                .isTrue();
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
        assertThat(records(resumed, "eval").stream().map(r -> r.get("fd").asDouble()).toList())
                .isEqualTo(records(straight, "eval").stream().map(r -> r.get("fd").asDouble()).toList());
        assertThat(EvalHistory.read(resumed)).extracting(e -> e.iteration()).containsExactly(2L, 4L, 6L, 8L);
    }

    static RunConfig withAlerts(RunConfig c, AlertConfig alerts) {
        var m = c.monitors();
        return new RunConfig(c.name(), c.data(), c.model(), c.train(), c.output(),
                new dev.jvmgan.config.MonitorConfig(m.every(), m.window(), m.chartEvery(), m.vanishingBelow(),
                        m.explodingAbove(), alerts), c.eval());
    }
}
