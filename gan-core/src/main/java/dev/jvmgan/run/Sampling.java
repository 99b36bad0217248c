package dev.jvmgan.run;

import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.train.Latents;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Generates images from a saved checkpoint. */
public final class Sampling {
    private Sampling() {
    }

    /**
     * Writes a grid of {@code count} images generated from latents drawn with {@code seed}; the same checkpoint
     * and seed give the same PNG.
     *
     * @return the checkpoint file used
     */
    public static Path grid(Path checkpointOrRun, int count, long seed, Path out) throws IOException {
        NativeBackend.initialise();
        Path file = Checkpoints.resolve(checkpointOrRun);
        Checkpoint checkpoint = Checkpoint.read(file, false);
        RunConfig config = ConfigLoader.parse(checkpoint.configYaml(), file + "!/config.yaml", "checkpoint",
                List.of(), List.of());
        ImageShape shape = new ImageShape(config.data().channels(), config.data().imageSize());
        ImageGeneratorNetwork generator = new ImageGeneratorNetwork(TrainableNetworks.of(checkpoint.generator()), shape);
        INDArray z = new Latents(config.model().latentDim(), seed, checkpoint.generator().params().dataType())
                .next(count);
        INDArray images = generator.output(z);
        int columns = (int) Math.ceil(Math.sqrt(count));
        ImageGrid.writePng(ImageGrid.grid(images, columns, 2), out);
        return file;
    }
}
