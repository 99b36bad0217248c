package dev.jvmgan.run;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Tiny, fast runs for tests: 8x8 grey images, latent 4, batch 4. */
public final class TinyRuns {
    private TinyRuns() {
    }

    /** An IDX images file of {@code count} seeded random 8x8 images (blobs on noise, so there is something to learn). */
    public static Path idxImages(Path dir, int count, long seed) throws IOException {
        Path file = dir.resolve("tiny-images-idx3-ubyte");
        Random rng = new Random(seed);
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
     * {@link #idxImages} with a labels file beside it ({@code tiny-labels-idx1-ubyte}): {@code count} seeded labels
     * in [0, classes), so the data's class names are "0", "1", ...
     */
    public static Path labelledIdxImages(Path dir, int count, int classes, long seed) throws IOException {
        Path images = idxImages(dir, count, seed);
        Random rng = new Random(seed);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("tiny-labels-idx1-ubyte")))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeByte(rng.nextInt(classes));
            }
        }
        return images;
    }

    public static RunConfig config(Path images, Path runsRoot, int iterations) {
        return new RunConfig("tiny",
                new DataConfig(DataSource.IDX, images.toString(), 8, 1),
                new ModelConfig(4,
                        new NetworkConfig("dcgan", List.of(8, 4), ActivationConfig.relu(), true, 0.02),
                        new NetworkConfig("dcgan", List.of(4, 8), ActivationConfig.leakyRelu(0.2), true, 0.02)),
                new TrainConfig(iterations, 4, 1, 7L, OptimizerConfig.dcganAdam(), OptimizerConfig.dcganAdam()),
                new OutputConfig(runsRoot.toString(), 2, 3, 4),
                Defaults.monitors());
    }
}
