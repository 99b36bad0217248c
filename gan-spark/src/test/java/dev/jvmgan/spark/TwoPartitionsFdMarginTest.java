package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.DistributedConfig;
import dev.jvmgan.config.EvalConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;
import dev.jvmgan.eval.DomainClassifier;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.eval.ExtractorCache;
import dev.jvmgan.eval.FeatureExtractor;
import dev.jvmgan.eval.RealImages;
import dev.jvmgan.eval.Reference;
import dev.jvmgan.run.TrainingRun;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's quality bar: two partitions train, with FD within a stated margin of the local run at equal images
 * seen. A small DCGAN (G widths [32, 16], D [16, 32], latent 32, batch 32) on the embedded 10k Fashion-MNIST split
 * scaled to 16x16, seed 1: the local loop trains {@value #LOCAL_ITERATIONS} iterations, two partitions on
 * {@code local[2]} {@value #LOCAL_ITERATIONS} / 2 each in rounds of {@value #ROUND_STEPS}, so both have seen the same
 * images. Both are scored by the run's own eval listener ({@code eval.every} at the end, G itself, no moving average)
 * on {@value #FAKES} generated images against the first {@value #REFERENCE} real ones, under a feature network
 * trained for one epoch on the first {@value #FEATURE_IMAGES} images at 16x16 (the toolkit's {@link DomainClassifier},
 * as {@code gan eval} trains it, shorter; built here rather than by {@link Evaluator#forData}, which would pair the
 * embedded split with Debian's 60k where that is installed, so the score would depend on the machine).
 *
 * <p>The margin, from two seeds measured on 2026-12-03 (README, Spark section): local FD 34.4 and 34.0, two partitions
 * 74.9 and 79.0 (ratios 2.2 and 2.3), while G after one round of 10 iterations scores 284. So: FD of two partitions at
 * most {@value #MAX_RATIO} x the local run's, and below {@value #MAX_FD}. Averaging broken by summing the partitions
 * without dividing by N diverges (a NaN gradient at iteration 81 stops the run) and fails this test. Taking partition
 * 0's arrays alone scored 75.2 on seed 1, inside the margin: at this length FD does not tell it from the average
 * ({@link RoundSumTest} checks the mean's arithmetic).
 */
class TwoPartitionsFdMarginTest {
    static final int LOCAL_ITERATIONS = 300;
    static final int ROUND_STEPS = 10;
    static final int FAKES = 1000;
    static final int REFERENCE = 2000;
    static final int FEATURE_IMAGES = 5000;
    static final double MAX_RATIO = 4.0;
    static final double MAX_FD = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoPartitionsScoreWithinTheMarginOfTheLocalRunAtEqualImagesSeen(@TempDir Path dir) throws Exception {
        double[] fd = fds(1, LOCAL_ITERATIONS, dir);
        assertThat(fd[0]).as("the local run must learn, or the margin says nothing").isLessThan(MAX_FD);
        assertThat(fd[1]).as("two partitions' FD (local: " + fd[0] + ")").isLessThan(MAX_FD)
                .isLessThanOrEqualTo(MAX_RATIO * fd[0]);
    }

    /** {local FD, two partitions' FD} of {@code seed}, the local run {@code iterations} long. */
    static double[] fds(long seed, int iterations, Path dir) throws Exception {
        Evaluator evaluator = evaluator(dir.resolve("extractors"));
        Path local = new TrainingRun(config(seed, iterations, 0, dir.resolve("local")), false)
                .withSharedEvaluator(evaluator).run();
        Path spark;
        JavaSparkContext context = TinySpark.local(2);
        try (SparkLoops loops = new SparkLoops(context, 2)) {
            spark = new TrainingRun(config(seed, iterations / 2, 2, dir.resolve("spark")), false)
                    .withSharedEvaluator(evaluator).withLoop(loops).run();
        }
        return new double[] {lastFd(local, iterations), lastFd(spark, iterations / 2)};
    }

    static RunConfig config(long seed, int iterations, int partitions, Path runs) {
        TrainConfig train = new TrainConfig(iterations, 32, 1, seed, OptimizerConfig.dcganAdam(),
                OptimizerConfig.dcganAdam()).withDistributed(new DistributedConfig(ROUND_STEPS, partitions));
        MonitorConfig m = Defaults.monitors();
        return new RunConfig("fd-margin", new DataConfig(DataSource.IDX, "embedded:fashion-mnist-test", 16, 1),
                new ModelConfig(32,
                        new NetworkConfig("dcgan", List.of(32, 16), ActivationConfig.relu(), true, 0.02),
                        new NetworkConfig("dcgan", List.of(16, 32), ActivationConfig.leakyRelu(0.2), true, 0.02)),
                train, new OutputConfig(runs.toString(), ROUND_STEPS, iterations, iterations),
                new MonitorConfig(0, m.window(), m.chartEvery(), m.vanishingBelow(), m.explodingAbove(), m.alerts()),
                new EvalConfig(iterations, FAKES));
    }

    static Evaluator evaluator(Path cache) throws Exception {
        RealImages real = RealImages.open(config(1, ROUND_STEPS, 0, cache).data());
        FeatureExtractor extractor = FeatureExtractor.forData(real.first(FEATURE_IMAGES), new ExtractorCache(cache),
                new DomainClassifier.Settings(1, 0.1, 20261203L));
        RealImages reference = real.first(REFERENCE);
        return new Evaluator(extractor, Reference.of(extractor.features(reference), reference.describe(), false));
    }

    static double lastFd(Path runDir, long iteration) throws Exception {
        double fd = Double.NaN;
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            if (record.path("type").asText().equals("eval") && record.path("iteration").asLong() == iteration) {
                fd = record.get("fd").asDouble();
            }
        }
        assertThat(fd).as("the eval record of iteration " + iteration + " in " + runDir).isNotNaN();
        return fd;
    }
}
