package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.eval.DomainClassifier;
import dev.jvmgan.eval.ExtractorCache;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.run.DataRule;
import dev.jvmgan.run.MetricsJsonlListener;
import dev.jvmgan.run.RunInfo;
import dev.jvmgan.run.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tiny study trained twice: the second time every finished run is skipped; an unfinished one is trained again. */
class StudyRunnerTest {
    /** One epoch of the feature network: enough to have features, quick on 8x8 images. */
    private static final DomainClassifier.Settings SMALL = new DomainClassifier.Settings(1, 0.25, 3L);

    private static Path tinyConfigs(Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 21);
        Path configs = Files.createDirectories(tmp.resolve("configs"));
        Files.writeString(configs.resolve(Variant.MLP4.configFile()), String.join("\n",
                "data: {path: " + images + ", imageSize: 8}", "model:", "  latentDim: 4",
                "  generator: {architecture: mlp, widths: [8, 8], batchNorm: false}",
                "  discriminator: {architecture: mlp, widths: [8, 8], batchNorm: false}",
                "train: {batchSize: 4}", "output: {logEvery: 1}", ""));
        return configs;
    }

    /** A second base config on the same data, for the variants built on fashion-dcgan.yaml. */
    private static void tinyDcganConfig(Path configs) throws Exception {
        Files.writeString(configs.resolve(Variant.DCGAN_NO_BN.configFile()), Files.readString(configs.resolve(
                Variant.MLP4.configFile())));
    }

    private static Cell cell(ActivationType activation, int iterations) {
        return new Cell(Variant.MLP4, Cell.Side.D, activation, 1e-3, 1, iterations, 10);
    }

    @Test
    void finishedRunsAreSkippedAndAnUnfinishedOneIsTrainedAgain(@TempDir Path tmp) throws Exception {
        Path configs = tinyConfigs(tmp);
        Path out = tmp.resolve("study");
        StudyPlan plan = new StudyPlan("test", List.of(cell(ActivationType.RELU, 2), cell(ActivationType.ELU, 2)));
        AtomicInteger evaluatorsOpened = new AtomicInteger();
        StudyRunner.EvaluatorSource source = data -> {
            evaluatorsOpened.incrementAndGet();
            return StudyEvaluator.open(data, new ExtractorCache(tmp.resolve("cache")), SMALL);
        };

        List<String> first = new ArrayList<>();
        List<CellRow> rows = runner(plan, out, configs, source).run(first::add);
        assertThat(rows).extracting(CellRow::status).containsExactly("finished", "finished");
        assertThat(evaluatorsOpened).hasValue(1);
        Path relu = rows.get(0).run().orElseThrow();
        Path elu = rows.get(1).run().orElseThrow();
        String reluMetrics = Files.readString(relu.resolve(MetricsJsonlListener.FILE_NAME));
        String eluMetrics = Files.readString(elu.resolve(MetricsJsonlListener.FILE_NAME));
        assertThat(reluMetrics).contains("\"type\":\"eval\"");

        List<String> second = new ArrayList<>();
        runner(plan, out, configs, source).run(second::add);
        assertThat(second).filteredOn(l -> l.contains("finished before, skipped")).hasSize(2);
        assertThat(second).noneMatch(l -> l.contains("training"));
        assertThat(evaluatorsOpened).as("a study with nothing to train prepares no evaluator").hasValue(1);
        assertThat(Files.readString(relu.resolve(MetricsJsonlListener.FILE_NAME))).isEqualTo(reluMetrics);
        try (var dirs = Files.list(out.resolve(StudyRunner.RUNS))) {
            assertThat(dirs.count()).isEqualTo(2);
        }

        // The ELU run as a killed process leaves it: run.json says running.
        RunInfo info = RunInfo.read(elu).orElseThrow();
        RunInfo.Session s = info.sessions().get(0);
        info.with(new RunInfo.Session(s.toolkitVersion(), s.backend(), s.device(), s.java(), s.started(), s.updated(),
                s.firstIteration(), 1, s.trainingSeconds(), s.peakRssBytes(), "running"), true).write(elu);
        List<String> third = new ArrayList<>();
        List<CellRow> again = runner(plan, out, configs, source).run(third::add);
        assertThat(third).anyMatch(l -> l.contains("mlp4-D-relu") && l.contains("finished before, skipped"))
                .anyMatch(l -> l.contains("removing the unfinished run") && l.contains("mlp4-D-elu"));
        assertThat(again).extracting(CellRow::status).containsExactly("finished", "finished");
        assertThat(Files.readString(relu.resolve(MetricsJsonlListener.FILE_NAME))).isEqualTo(reluMetrics);
        // Seeded and on the CPU: trained again, the run writes the same records, but for their times.
        assertThat(withoutTimes(Files.readString(again.get(1).run().orElseThrow()
                .resolve(MetricsJsonlListener.FILE_NAME)))).isEqualTo(withoutTimes(eluMetrics));

        // A run that failed for another reason than divergence is the toolkit's failure: trained again.
        Path eluAgain = again.get(1).run().orElseThrow();
        setOutcome(eluAgain, "failed: illegal state: convergence failed");
        List<String> fourth = new ArrayList<>();
        assertThat(runner(plan, out, configs, source).run(fourth::add)).extracting(CellRow::status)
                .containsExactly("finished", "finished");
        assertThat(fourth).anyMatch(l -> l.contains("removing the failed run (failed: illegal state: convergence "
                + "failed)") && l.contains("mlp4-D-elu"));
        // A diverged run is the learning rate's result: kept as broke, not trained again.
        setOutcome(eluAgain, "failed: iteration 2: D loss on real images is NaN; first non-finite value: D act1. "
                + "Stopped; the last checkpoint on disk is good.");
        List<String> fifth = new ArrayList<>();
        assertThat(runner(plan, out, configs, source).run(fifth::add)).extracting(CellRow::status)
                .containsExactly("finished", "broke");
        assertThat(fifth).anyMatch(l -> l.contains("mlp4-D-elu") && l.contains("broke before"))
                .noneMatch(l -> l.contains("training"));
    }

    private static void setOutcome(Path run, String outcome) throws Exception {
        RunInfo info = RunInfo.read(run).orElseThrow();
        RunInfo.Session s = info.sessions().get(info.sessions().size() - 1);
        info.with(new RunInfo.Session(s.toolkitVersion(), s.backend(), s.device(), s.java(), s.started(), s.updated(),
                s.firstIteration(), s.lastIteration(), s.trainingSeconds(), s.peakRssBytes(), outcome), true)
                .write(run);
    }

    @Test
    void aStudyIsTrainedAVariantAtATimeIntoOneDirectory(@TempDir Path tmp) throws Exception {
        Path configs = tinyConfigs(tmp);
        tinyDcganConfig(configs);
        Path out = tmp.resolve("study");
        StudyRunner.EvaluatorSource source = data -> StudyEvaluator.open(data,
                new ExtractorCache(tmp.resolve("cache")), SMALL);
        StudyPlan plan = new StudyPlan("two variants", List.of(cell(ActivationType.RELU, 2),
                new Cell(Variant.DCGAN_NO_BN, Cell.Side.D, ActivationType.RELU, 1e-3, 1, 2, 10)));

        List<String> first = new ArrayList<>();
        List<CellRow> rows = runner(plan, out, configs, source).trainOnly(java.util.Set.of(Variant.MLP4))
                .run(first::add);
        assertThat(rows).extracting(CellRow::status).containsExactly("finished", "not run");
        assertThat(first).anyMatch(l -> l.contains("dcgan-nobn-D-relu") && l.contains("dcgan-nobn not selected, "
                + "left not run")).noneMatch(l -> l.contains("dcgan-nobn-D-relu") && l.contains("training"));

        List<String> second = new ArrayList<>();
        rows = runner(plan, out, configs, source).trainOnly(java.util.Set.of(Variant.DCGAN_NO_BN)).run(second::add);
        assertThat(rows).extracting(CellRow::status).containsExactly("finished", "finished");
        assertThat(second).anyMatch(l -> l.contains("mlp4-D-relu") && l.contains("finished before, skipped"))
                .anyMatch(l -> l.contains("dcgan-nobn-D-relu") && l.contains("training 2 iterations"));
    }

    @Test
    void twoShardsTrainedSideBySideTrainEachRunOnceAndLeaveTheOthersRunsAlone(@TempDir Path tmp) throws Exception {
        Path configs = tinyConfigs(tmp);
        Path out = tmp.resolve("study");
        Object lock = new Object();
        // One feature network for both: the first shard to need it trains it, the other waits and reads the cache.
        StudyRunner.EvaluatorSource source = data -> {
            synchronized (lock) {
                return StudyEvaluator.open(data, new ExtractorCache(tmp.resolve("cache")), SMALL);
            }
        };
        StudyPlan plan = new StudyPlan("sharded", List.of(cell(ActivationType.RELU, 2), cell(ActivationType.ELU, 2),
                cell(ActivationType.SELU, 2)));

        List<String> one = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread shardOne = new Thread(() -> {
            try {
                runner(plan, out, configs, source).shard(1, 2).run(one::add);
            } catch (Exception e) {
                one.add("thrown: " + e);
            }
        });
        shardOne.start();
        List<String> two = new ArrayList<>();
        runner(plan, out, configs, source).shard(2, 2).run(two::add);
        shardOne.join();
        assertThat(one).noneMatch(l -> l.startsWith("thrown"))
                .anyMatch(l -> l.contains("mlp4-D-relu") && l.contains("training"))
                .anyMatch(l -> l.contains("mlp4-D-selu") && l.contains("training"))
                .anyMatch(l -> l.contains("mlp4-D-elu") && l.contains("shard 2/2's, left to it"))
                .noneMatch(l -> l.contains("mlp4-D-elu") && l.contains("training"));
        assertThat(two).anyMatch(l -> l.contains("mlp4-D-elu") && l.contains("training"))
                .noneMatch(l -> (l.contains("mlp4-D-relu") || l.contains("mlp4-D-selu")) && l.contains("training"));
        try (var dirs = Files.list(out.resolve(StudyRunner.RUNS))) {
            assertThat(dirs.count()).isEqualTo(3);
        }

        // Shard 2's run as a killed (or still training) process leaves it: shard 1 must not remove it.
        Path elu = CellRecords.find(out.resolve(StudyRunner.RUNS), plan.runs().get(1).runName()).orElseThrow();
        setOutcome(elu, "running");
        List<String> third = new ArrayList<>();
        runner(plan, out, configs, source).shard(1, 2).run(third::add);
        assertThat(third).anyMatch(l -> l.contains("mlp4-D-elu") && l.contains("left to it"))
                .noneMatch(l -> l.contains("removing") || l.contains("training"));
        assertThat(elu).isDirectory();
        List<String> fourth = new ArrayList<>();
        List<CellRow> rows = runner(plan, out, configs, source).shard(2, 2).run(fourth::add);
        assertThat(fourth).anyMatch(l -> l.contains("mlp4-D-elu") && l.contains("removing the unfinished run"));
        assertThat(rows).extracting(CellRow::status).containsExactly("finished", "finished", "finished");
        assertThatThrownBy(() -> runner(plan, out, configs, source).shard(3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunOfAnotherConfigUnderTheSameNameIsRefusedNamingTheDifference(@TempDir Path tmp) throws Exception {
        Path configs = tinyConfigs(tmp);
        Path out = tmp.resolve("study");
        StudyRunner.EvaluatorSource source = data -> StudyEvaluator.open(data,
                new ExtractorCache(tmp.resolve("cache")), SMALL);
        runner(new StudyPlan("short", List.of(cell(ActivationType.RELU, 2))), out, configs, source).run(l -> { });

        StudyRunner longer = runner(new StudyPlan("long", List.of(cell(ActivationType.RELU, 3))), out, configs, source);
        assertThatThrownBy(longer::prepare).isInstanceOf(StudyException.class)
                .hasMessageContaining("train.iterations: 2 -> 3").hasMessageContaining("--out");
    }

    private static StudyRunner runner(StudyPlan plan, Path out, Path configs, StudyRunner.EvaluatorSource source) {
        return new StudyRunner(plan, out, configs, source, List.of(NetworkFactory.rule(), new DataRule()));
    }

    private static String withoutTimes(String metrics) {
        return metrics.replaceAll("\"(itPerSec|time|seconds)\":[^,}]*", "");
    }
}
