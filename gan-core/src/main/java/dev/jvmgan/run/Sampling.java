package dev.jvmgan.run;

import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.model.ImageShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates images from a saved checkpoint's generator, in inference mode: the moving average of G when the run
 * kept one ({@code train.ema}), unless asked for the raw G; one image per seed (as StyleGAN's
 * {@code gen_images.py --seeds}), or a spherical interpolation between two seeds. Latents come from
 * {@link SampleLatents}, so seed 5 is the same image in a grid, as a single PNG and at the end of an
 * interpolation.
 *
 * <pre>{@code
 * Sampling sampling = Sampling.open(Path.of("outputs/00000-fashion-dcgan"));   // its latest checkpoint
 * Sampling.writeGrid(sampling.seedImages(0, 64, 0.7), 8, 3, Path.of("grid.png"));
 * Sampling raw = Sampling.open(Path.of("outputs/00000-fashion-dcgan"), false); // G itself, not its average
 * }</pre>
 */
public final class Sampling {
    /** Black pixels around and between the tiles of grids and strips, as in the training sample grids. */
    static final int PADDING = 2;

    private final Path checkpointFile;
    private final RunConfig config;
    private final ImageGeneratorNetwork generator;
    private final int latentDim;
    private final DataType dataType;
    private final boolean average;
    private final SampleClasses classes;

    private Sampling(Path checkpointFile, RunConfig config, ImageGeneratorNetwork generator, DataType dataType,
                     boolean average, SampleClasses classes) {
        this.checkpointFile = checkpointFile;
        this.config = config;
        this.generator = generator;
        this.latentDim = config.model().latentDim();
        this.dataType = dataType;
        this.average = average;
        this.classes = classes;
    }

    /**
     * Loads the generator of a checkpoint file, or of a run directory's latest checkpoint: its moving average when
     * it has one, else G ({@link #open(Path, boolean)} with {@code true}).
     *
     * @throws IOException naming the path when there is no checkpoint or it cannot be read
     */
    public static Sampling open(Path checkpointOrRun) throws IOException {
        return open(checkpointOrRun, true);
    }

    /**
     * Loads a generator of a checkpoint file, or of a run directory's latest checkpoint, with the image shape and
     * latent size from the config inside the checkpoint ({@link Checkpoint#generator(boolean)}).
     *
     * @param useEma the moving average of G if the checkpoint has one ({@link #fromAverage()} says whether it had);
     *               false for G itself
     * @throws IOException naming the path when there is no checkpoint or it cannot be read
     */
    public static Sampling open(Path checkpointOrRun, boolean useEma) throws IOException {
        return open(checkpointOrRun, useEma, 0);
    }

    /**
     * {@link #open(Path, boolean)}, then, when {@code standingBatches > 0}, the generator's batch-norm running
     * statistics recomputed over that many training-mode batches ({@link StandingGenerator}).
     */
    public static Sampling open(Path checkpointOrRun, boolean useEma, int standingBatches) throws IOException {
        Path file = Checkpoints.resolve(checkpointOrRun);
        Checkpoint checkpoint = Checkpoint.read(file, false);
        RunConfig config = ConfigLoader.parse(checkpoint.configYaml(), file + "!/config.yaml", "checkpoint",
                List.of(), List.of());
        ImageShape shape = new ImageShape(config.data().channels(), config.data().imageSize());
        Checkpoint.SampledGenerator chosen;
        try {
            chosen = checkpoint.generator(useEma);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": its generator cannot be set up: " + e.getMessage(), e);
        }
        if (standingBatches > 0) {
            StandingGenerator.stand(chosen.network(), config.model().latentDim(), config.train().batchSize(),
                    standingBatches);
        }
        return new Sampling(file, config, new ImageGeneratorNetwork(chosen.network(), shape),
                chosen.network().params().dataType(), chosen.ema(),
                SampleClasses.of(checkpoint.generatorClassNames(), config.data()));
    }

    /** The classes a class-conditional generator learnt; none for an unconditional one. */
    public SampleClasses classes() {
        return classes;
    }

    /** Whether the images come from the moving average of G, not G itself. */
    public boolean fromAverage() {
        return average;
    }

    /**
     * Writes a grid of the images of seeds {@code seed} to {@code seed + count - 1}, {@link #columnsFor} columns,
     * untruncated; the same checkpoint and seed give the same PNG.
     *
     * @return the checkpoint file used
     */
    public static Path grid(Path checkpointOrRun, int count, long seed, Path out) throws IOException {
        Sampling sampling = open(checkpointOrRun);
        writeGrid(sampling.seedImages(seed, count, 1.0), columnsFor(count), sampling.visibleScale(), out);
        return sampling.checkpointFile();
    }

    /** The checkpoint file the generator came from (a run directory's latest, when a directory was given). */
    public Path checkpointFile() {
        return checkpointFile;
    }

    public int latentDim() {
        return latentDim;
    }

    /** The scale at which this generator's images are seen: {@link ImageGrid#visibleScale} of their size. */
    public int visibleScale() {
        return ImageGrid.visibleScale(config.data().imageSize());
    }

    /**
     * The grid that training wrote from this checkpoint's generator: the run's 64 fixed latents (not seeds 0 to
     * 63, which {@link #seedImages} draws), as {@code samples/iter-NNNNNNN.png} shows them, at {@code scale}.
     */
    public BufferedImage trainingGrid(int scale) {
        return SampleGridListener.grid(generator, SampleGridListener.fixedLatents(config, dataType), scale);
    }

    /**
     * The images of seeds {@code firstSeed} to {@code firstSeed + count - 1}, with truncation {@code psi}
     * (1 = none): NCHW in [-1, 1]. A class-conditional generator makes seed s as class {@link SampleClasses#ofSeed}.
     */
    public INDArray seedImages(long firstSeed, int count, double psi) {
        return images(SampleLatents.truncate(SampleLatents.ofSeeds(latentDim, firstSeed, count), psi),
                classes.conditional() ? classes.ofSeeds(firstSeed, count) : null);
    }

    /** As {@link #seedImages(long, int, double)}, every image made as class {@code k} of a conditional generator. */
    public INDArray seedImages(long firstSeed, int count, double psi, int k) {
        int[] labels = new int[count];
        java.util.Arrays.fill(labels, k);
        return images(SampleLatents.truncate(SampleLatents.ofSeeds(latentDim, firstSeed, count), psi), labels);
    }

    /**
     * A conditional generator's images, one row per class: row k is {@link #seedImages(long, int, double, int)} of
     * class k, so a column is one latent made as every class.
     */
    public INDArray perClassImages(long firstSeed, int perRow, double psi) {
        INDArray[] rows = new INDArray[classes.count()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = seedImages(firstSeed, perRow, psi, k);
        }
        return Nd4j.concat(0, rows);
    }

    /**
     * {@code steps} images along the spherical path between the latents of {@code seedA} and {@code seedB}, both
     * truncated by {@code psi} first; the first and last are the images of those seeds. A conditional generator
     * makes every step as class {@code k}; -1 for an unconditional one.
     */
    public INDArray interpolationImages(long seedA, long seedB, int steps, double psi, int k) {
        double[] a = SampleLatents.truncate(SampleLatents.ofSeed(latentDim, seedA), psi);
        double[] b = SampleLatents.truncate(SampleLatents.ofSeed(latentDim, seedB), psi);
        int[] labels = null;
        if (k >= 0) {
            labels = new int[steps];
            java.util.Arrays.fill(labels, k);
        }
        return images(SampleLatents.interpolate(a, b, steps), labels);
    }

    /** {@link #images(double[][], int[])} of an unconditional generator. */
    public INDArray images(double[][] latents) {
        return images(latents, null);
    }

    /**
     * The generator's images for the given latents (and a conditional generator's classes, one per latent; null
     * for an unconditional one), one forward pass per latent: an image then depends on its latent alone, not on the
     * batch it is drawn in. BLAS and oneDNN pick their kernels by batch size: the reference DCGAN's image of one
     * latent, drawn alone and in a batch of 64, differed by up to 4e-8.
     */
    public INDArray images(double[][] latents, int[] labels) {
        INDArray[] images = new INDArray[latents.length];
        for (int i = 0; i < latents.length; i++) {
            if (latents[i].length != latentDim) {
                throw new IllegalArgumentException("latent " + i + " has " + latents[i].length
                        + " values; this generator takes " + latentDim);
            }
            INDArray z = Nd4j.create(latents[i], new long[] {1, latentDim}, DataType.DOUBLE).castTo(dataType);
            images[i] = labels == null ? generator.output(z) : generator.output(z, new int[] {labels[i]});
        }
        return images.length == 1 ? images[0] : Nd4j.concat(0, images);
    }

    /** Columns of a square-ish grid of {@code count} images: {@code ceil(sqrt(count))}. */
    public static int columnsFor(int count) {
        return (int) Math.ceil(Math.sqrt(count));
    }

    /**
     * Writes the images as one PNG, {@code columns} per row with {@link #PADDING} pixels around and between
     * tiles: a grid, or with {@code columns} = the number of images, a strip; enlarged {@code scale} times by
     * nearest neighbour (1: exact pixels).
     */
    public static void writeGrid(INDArray images, int columns, int scale, Path out) throws IOException {
        ImageGrid.writePng(ImageGrid.upscale(ImageGrid.grid(images, columns, PADDING), scale), out);
    }

    /**
     * Writes image {@code i} as {@code directory/names.get(i)}, each a PNG of the image alone enlarged {@code scale}
     * times (1: exact pixels), and returns the files in that order.
     */
    public static List<Path> writeSingles(INDArray images, Path directory, List<String> names, int scale)
            throws IOException {
        if (names.size() != images.size(0)) {
            throw new IllegalArgumentException(names.size() + " names for " + images.size(0) + " images");
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Path file = directory.resolve(names.get(i));
            ImageGrid.writePng(ImageGrid.upscale(ImageGrid.single(images, i), scale), file);
            files.add(file);
        }
        return files;
    }

    /** The file name of a seed's single image, as StyleGAN names them: {@code seed0042.png}. */
    public static String seedFileName(long seed) {
        return String.format("seed%04d.png", seed);
    }

    /** The file name of a seed's single image made as class {@code k}: {@code seed0042-class3.png}. */
    public static String seedFileName(long seed, int k) {
        return String.format("seed%04d-class%d.png", seed, k);
    }

    /**
     * The file name of step {@code step} of an interpolation, sorting in path order:
     * {@code seed0003-to-seed0007-0000.png}.
     */
    public static String interpolationFileName(long seedA, long seedB, int step) {
        return String.format("seed%04d-to-seed%04d-%04d.png", seedA, seedB, step);
    }

    /** {@link #interpolationFileName(long, long, int)} made as class {@code k}: {@code seed0003-to-seed0007-class2-0000.png}. */
    public static String interpolationFileName(long seedA, long seedB, int k, int step) {
        return String.format("seed%04d-to-seed%04d-class%d-%04d.png", seedA, seedB, k, step);
    }
}
