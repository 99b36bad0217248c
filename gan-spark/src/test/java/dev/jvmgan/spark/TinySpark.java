package dev.jvmgan.spark;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.config.DistributedConfig;
import dev.jvmgan.config.EmaConfig;
import dev.jvmgan.config.EvalConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;
import dev.jvmgan.config.Defaults;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Tiny runs for the Spark tests: 8x8 grey images, latent 4, batch 4, G's moving average on; and Spark contexts. */
final class TinySpark {
    private TinySpark() {
    }

    /** An IDX file of {@code count} seeded 8x8 images: a bright blob on dark noise. */
    static Path images(Path dir, int count) throws IOException {
        Path file = dir.resolve("tiny-images-idx3-ubyte");
        Random rng = new Random(11);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(8);
            out.writeInt(8);
            for (int i = 0; i < count; i++) {
                int cx = 2 + rng.nextInt(4);
                int cy = 2 + rng.nextInt(4);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        boolean blob = Math.abs(x - cx) + Math.abs(y - cy) <= 2;
                        out.writeByte(blob ? 200 + rng.nextInt(56) : rng.nextInt(40));
                    }
                }
            }
        }
        return file;
    }

    /**
     * {@link #images} with a labels file beside it ({@code tiny-labels-idx1-ubyte}, MNIST's naming), image i labelled
     * {@code labels[i]}: the data's class names are then "0", "1", ...
     */
    static Path labelledImages(Path dir, int[] labels) throws IOException {
        Path images = images(dir, labels.length);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("tiny-labels-idx1-ubyte")))) {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        }
        return images;
    }

    /** {@code config} with a class-conditional G and D, the fakes' classes drawn as {@code fakeClasses}. */
    static RunConfig conditional(RunConfig config, ModelConfig.FakeClasses fakeClasses) {
        ModelConfig m = config.model();
        return new RunConfig(config.name(), config.data(), new ModelConfig(m.latentDim(), m.generator(),
                m.discriminator(), true, fakeClasses), config.train(), config.output(), config.monitors());
    }

    /**
     * {@code iterations} iterations in rounds of {@code roundSteps} on {@code partitions}; samples and checkpoints
     * every {@code every} iterations, metrics every iteration, monitors off ({@link #withMonitors} turns them on).
     */
    static RunConfig config(Path images, Path runs, int iterations, int roundSteps, int partitions, int every) {
        TrainConfig train = new TrainConfig(iterations, 4, 1, 7L, OptimizerConfig.dcganAdam(),
                OptimizerConfig.dcganAdam()).withEma(new EmaConfig(200, 0))
                .withDistributed(new DistributedConfig(roundSteps, partitions));
        MonitorConfig m = Defaults.monitors();
        return new RunConfig("tiny",
                new DataConfig(DataSource.IDX, images.toString(), 8, 1),
                new ModelConfig(4,
                        new NetworkConfig("dcgan", List.of(8, 4), ActivationConfig.relu(), true, 0.02),
                        new NetworkConfig("dcgan", List.of(4, 8), ActivationConfig.leakyRelu(0.2), true, 0.02)),
                train, new OutputConfig(runs.toString(), 1, every, every),
                new MonitorConfig(0, m.window(), m.chartEvery(), m.vanishingBelow(), m.explodingAbove(), m.alerts()));
    }

    /** {@code config} with a monitor check every {@code every} iterations, a window of 2 checks, and {@code alerts}. */
    static RunConfig withMonitors(RunConfig config, int every, AlertConfig alerts) {
        MonitorConfig m = config.monitors();
        return new RunConfig(config.name(), config.data(), config.model(), config.train(), config.output(),
                new MonitorConfig(every, 2, m.chartEvery(), m.vanishingBelow(), m.explodingAbove(), alerts));
    }

    /** Spark in this JVM with {@code threads} task threads, as {@code --spark local[threads]}. */
    static JavaSparkContext local(int threads) {
        return new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]").setAppName("gan-spark test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }
}
