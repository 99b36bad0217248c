package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.NetworkFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configs of the losses and regularisers train a few iterations as shipped: their networks, loss, penalty and
 * augmentation, on the embedded Fashion-MNIST split (their 60k file may be missing) or a folder of a few images,
 * at batch 8 so the test stays short.
 */
class ShippedConfigsTrainTest {
    private static final Path CONFIGS = Path.of("..", "configs");
    private static final int ITERATIONS = 2;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fashion-wgan-gp.yaml", "fashion-hinge-sn.yaml", "fashion-r1-ema.yaml",
            "fashion-highlr-ema.yaml", "fashion-highlr-ema-d32.yaml",
            "folder-small-diffaugment.yaml"})
    void trainsAFewIterations(String file, @TempDir Path tmp) throws Exception {
        List<String> overrides = new ArrayList<>(List.of("train.iterations=" + ITERATIONS, "train.batchSize=8",
                "output.runsRoot=" + tmp.resolve("runs"), "output.logEvery=1", "output.sampleEvery=1000",
                "output.checkpointEvery=1000", "monitors.every=2"));
        if (file.startsWith("folder")) {
            overrides.addAll(List.of("data.path=" + greyPictures(tmp.resolve("pictures"), 24), "data.cache=none"));
        } else {
            overrides.add("data.path=embedded:fashion-mnist-test");
        }
        RunConfig config = ConfigLoader.load(CONFIGS.resolve(file), overrides,
                List.of(NetworkFactory.rule(), new DataRule()));

        Path runDir = new TrainingRun(config, false).run();

        List<JsonNode> train = ResumeTest.records(runDir, "train");
        assertThat(train).hasSize(ITERATIONS);
        for (JsonNode record : train) {
            assertThat(Double.isFinite(record.get("dLoss").asDouble())).as(record.toString()).isTrue();
            assertThat(Double.isFinite(record.get("gLoss").asDouble())).as(record.toString()).isTrue();
        }
        assertThat(ResumeTest.records(runDir, "monitor")).hasSize(1);
    }

    /** {@code count} random 28x28 grey PNGs in two class folders. */
    static Path greyPictures(Path folder, int count) throws Exception {
        Random random = new Random(61);
        for (int i = 0; i < count; i++) {
            Path dir = Files.createDirectories(folder.resolve(i % 2 == 0 ? "a" : "b"));
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    image.getRaster().setSample(x, y, 0, random.nextInt(256));
                }
            }
            ImageIO.write(image, "png", dir.resolve(i + ".png").toFile());
        }
        return folder;
    }
}
