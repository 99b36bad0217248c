package dev.jvmgan.train;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.ImageShape;

import java.nio.file.Path;

/**
 * What listeners may look at during training: the run's config and directory and the two networks.
 *
 * @param runDirectory where this run writes its files ({@code outputs/00003-fashion-dcgan})
 */
public record TrainingSession(RunConfig config, Path runDirectory, ImageShape imageShape,
                              TrainableNetwork generator, TrainableNetwork discriminator) {
}
