package dev.jvmgan.cli;

import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.cli.EvalSubjects.Subject;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.eval.Evaluation;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.eval.GeneratedImages;
import dev.jvmgan.eval.ImageSource;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.run.SampleClasses;
import dev.jvmgan.run.SampleLatents;
import dev.jvmgan.run.StandingGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * What {@code gan eval} scores of a checkpoint: the images {@code gan sample --seed 0 --n N} draws (the same
 * generator, seeds and, for a class-conditional one, classes), generated a batch per forward pass.
 */
final class CheckpointImages {
    private CheckpointImages() {
    }

    /**
     * Scores seeds 0 to {@code count - 1} of the subject's generator ({@code useEma}: its moving average when kept);
     * a class-conditional one's seed s made as class s mod K, with per-class scores. {@code psi < 1} truncates each
     * latent, {@code z' = psi * z} ({@link SampleLatents#truncate}), as {@code gan sample --truncation psi} does.
     * {@code standing > 0} first recomputes the generator's batch-norm statistics over that many batches
     * ({@link StandingGenerator}), as {@code gan sample --standing-stats} does.
     */
    static Evaluation evaluate(Evaluator evaluator, Subject subject, int count, boolean useEma, double psi,
                               int standing) {
        DataConfig data = subject.config().data();
        int latentDim = subject.config().model().latentDim();
        Checkpoint checkpoint = checkpoint(subject);
        Checkpoint.SampledGenerator sampled = generator(subject, checkpoint, useEma);
        String fakesFrom = "seeds 0-" + (count - 1) + (sampled.ema() ? " from G's moving average" : "")
                + (psi == 1 ? "" : ", truncation " + psi) + standing(sampled, subject, standing);
        LongFunction<double[]> latentOfSeed = psi == 1 ? seed -> SampleLatents.ofSeed(latentDim, seed)
                : seed -> SampleLatents.truncate(SampleLatents.ofSeed(latentDim, seed), psi);
        SampleClasses classes = SampleClasses.of(checkpoint.generatorClassNames(), data);
        if (!classes.conditional()) {
            ImageSource fakes = new GeneratedImages(batched(sampled, data),
                    latentOfSeed, count, data.channels(), data.imageSize());
            return evaluator.evaluate(subject.file().toString(), subject.iteration(), fakes, fakesFrom);
        }
        // As gan sample draws them without --class: seed s as class s mod K.
        int[] madeAs = classes.ofSeeds(0, count);
        ImageSource fakes = new GeneratedImages(batchedConditional(sampled, data), madeAs,
                latentOfSeed, count, data.channels(), data.imageSize());
        return evaluator.evaluate(subject.file().toString(), subject.iteration(), fakes,
                fakesFrom + ", seed s as class s mod " + classes.count(), classes.names(), classes.shown(), madeAs);
    }

    /** Recomputes the generator's batch-norm statistics when asked, and says so for the record's description. */
    private static String standing(Checkpoint.SampledGenerator sampled, Subject subject, int batches) {
        if (batches == 0) {
            return "";
        }
        int batchSize = subject.config().train().batchSize();
        int layers = StandingGenerator.stand(sampled.network(), subject.config().model().latentDim(), batchSize,
                batches);
        return layers == 0 ? ", no batch norm to restand"
                : String.format(Locale.ROOT, ", batch-norm statistics of %d batches of %d", batches, batchSize);
    }

    /**
     * The checkpoint's generator, one forward pass per batch of latents (inference mode). {@code gan sample} draws
     * one image per pass instead, so that an image does not depend on its batch; for the default DCGAN that took 9
     * to 14 times as long per image (measured on a loaded 2-core machine), and the two differ in the last bits (up
     * to 1.3e-6 in [-1, 1]), which moved none of the 401,408 pixels of 512 images to another 8-bit level.
     */
    private static GeneratedImages.Generator batched(Checkpoint.SampledGenerator sampled, DataConfig data) {
        ImageGeneratorNetwork generator = new ImageGeneratorNetwork(sampled.network(),
                new ImageShape(data.channels(), data.imageSize()));
        DataType type = sampled.network().params().dataType();
        return latents -> generator.output(Nd4j.createFromArray(latents).castTo(type));
    }

    /** {@link #batched} of a class-conditional generator. */
    private static GeneratedImages.ConditionalGenerator batchedConditional(Checkpoint.SampledGenerator sampled,
                                                                           DataConfig data) {
        ImageGeneratorNetwork generator = new ImageGeneratorNetwork(sampled.network(),
                new ImageShape(data.channels(), data.imageSize()));
        DataType type = sampled.network().params().dataType();
        return (latents, classes) -> generator.output(Nd4j.createFromArray(latents).castTo(type), classes);
    }

    /**
     * The generator {@code gan sample} draws from: G's moving average when asked and kept, else G; spectrally
     * normalised layers with their saved sigma.
     */
    private static Checkpoint.SampledGenerator generator(Subject subject, Checkpoint checkpoint, boolean useEma) {
        try {
            return checkpoint.generator(useEma);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("cannot set up the generator of " + subject.file() + ": " + e.getMessage(),
                    e);
        }
    }

    private static Checkpoint checkpoint(Subject subject) {
        try {
            return Checkpoint.read(subject.file(), false);
        } catch (IOException e) {
            throw new UserInputException("cannot read checkpoint " + subject.file() + ": " + e.getMessage(), e);
        }
    }
}
