package dev.jvmgan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.cli.GanCliTest.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan bench}: the RESULT line in the PyTorch peer's format, and {@code --profile}'s op table. */
class BenchCommandTest {
    private static final String CONFIG = Path.of("..", "configs", "fashion-dcgan.yaml").toString();
    private static final String[] TINY = {"--set", "model.generator.widths=[8,4]", "--set",
            "model.discriminator.widths=[4,8]", "--batch", "4", "--warmup", "1", "--iters", "2"};

    private static Outcome bench(String... extra) {
        String[] args = new String[2 + TINY.length + extra.length];
        args[0] = "bench";
        args[1] = CONFIG;
        System.arraycopy(TINY, 0, args, 2, TINY.length);
        System.arraycopy(extra, 0, args, 2 + TINY.length, extra.length);
        return GanCliTest.run(args);
    }

    @Test
    void printsOneResultLineWithThePeersFields() {
        Outcome outcome = bench();

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines().filter(l -> l.startsWith("RESULT ")).toList()).singleElement()
                .asString().contains("batch=4", "iters=2", "monitors=off")
                .containsPattern("img_per_s_median=[0-9.]+ ").containsPattern("peak_rss_mb=[0-9]+");
    }

    @Test
    void profileTablesTheOpsOfTheTimedIterationsAndSwitchesItselfOff() {
        Outcome outcome = bench("--profile");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("ND4J ops over the 2 timed iterations", "conv2d_bp", "deconv2d",
                "adam_updater", "Op time by the Java call path");
        assertThat(org.nd4j.linalg.profiler.OpProfiler.getInstance().getConfig().isCheckElapsedTime()).isFalse();
    }

    @Test
    void loaderTimesTheFolderSourceAlone(@TempDir Path images) throws Exception {
        for (int i = 0; i < 8; i++) {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(20, 16,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            image.setRGB(i, i, 0xFFFFFF);
            javax.imageio.ImageIO.write(image, "jpeg", images.resolve(i + ".jpg").toFile());
        }

        Outcome outcome = GanCliTest.run("bench", Path.of("..", "configs", "folder-dcgan-64.yaml").toString(),
                "--loader", "--set", "data.path=" + images, "--batch", "4", "--warmup", "1", "--iters", "3");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines().filter(l -> l.startsWith("RESULT ")).toList()).singleElement()
                .asString().contains("impl=jvm-gan-loader", "source=streamed", "images=8", "batch=4", "threads=2",
                        "iters=3").containsPattern("img_per_s=[0-9.]+ ").containsPattern("live_heap_mb=[0-9]+");
    }
}
