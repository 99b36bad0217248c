package dev.jvmgan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.cli.GanCliTest.Outcome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void timesListsEveryTimedIterationWhoseSumIsTheResultsThroughput() {
        Outcome outcome = bench("--times");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        String times = outcome.out().lines().filter(l -> l.startsWith("TIMES ")).findFirst().orElseThrow();
        double[] ms = Arrays.stream(times.substring("TIMES ".length()).split(" ")).mapToDouble(Double::parseDouble)
                .toArray();
        assertThat(ms).hasSize(2);
        assertThat(Arrays.stream(ms).min().orElseThrow()).isPositive();
        Matcher m = Pattern.compile(" img_per_s=([0-9.]+) ").matcher(outcome.out());
        assertThat(m.find()).isTrue();
        // 4 images per iteration; the listed times are rounded to 0.1 ms
        double fromTimes = 4 * 2 / (Arrays.stream(ms).sum() / 1e3);
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(fromTimes, within(fromTimes * 0.02 + 0.1));
        assertThat(bench().out()).doesNotContain("TIMES");
    }

    @Test
    void profileTablesTheTimedIterationsOpTimeInThePeersCategoriesAndSwitchesItselfOff() {
        Outcome outcome = bench("--profile");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        List<String> lines = outcome.out().lines().filter(l -> l.startsWith("PROFILE ")).toList();
        List<String> categories = Arrays.stream(OpCategories.Category.values()).map(c -> c.token).toList();
        assertThat(lines).hasSize(categories.size() + 1);
        double shares = 0;
        for (int i = 0; i < categories.size(); i++) {
            Matcher m = Pattern.compile("PROFILE category=(\\w+) ms=([0-9.]+) share=([0-9.]+)").matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            assertThat(m.group(1)).isEqualTo(categories.get(i));
            shares += Double.parseDouble(m.group(3));
        }
        assertThat(shares).isCloseTo(1.0, within(0.01));
        assertThat(lines.get(categories.size())).startsWith("PROFILE category=total ms=").endsWith(" share=1.000");
        // Each category's ops are listed by time, so the order within a line depends on the run: look for the op,
        // the project's oneDNN primitive (the CPU backend's default) or ND4J's op where the preset cannot load.
        assertThat(outcome.out().lines().filter(l -> l.startsWith("  conv_backward:")).toList()).singleElement()
                .asString().containsAnyOf("onednn convolution backward data", "conv2d_bp");
        assertThat(outcome.out().lines().filter(l -> l.startsWith("  deconv_forward:")).toList()).singleElement()
                .asString().containsAnyOf("onednn deconvolution forward", "deconv2d");
        assertThat(outcome.out()).contains("adam_updater");
        // Batch norm runs through oneDNN's preset, which ND4J's profiler does not see: timed by OneDnn.timing.
        assertThat(outcome.out().lines().filter(l -> l.startsWith("  batch_norm:")).toList()).singleElement()
                .asString().contains("onednn batch norm forward", "onednn batch norm backward");
        assertThat(org.nd4j.linalg.profiler.OpProfiler.getInstance().getConfig().isCheckElapsedTime()).isFalse();
        assertThat(org.nd4j.linalg.profiler.OpProfiler.getInstance().getClassAggergator())
                .isNotInstanceOf(OpCategories.Recorder.class);
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
