package dev.jvmgan.cli;

import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.run.SampleGridListener;
import dev.jvmgan.run.Sampling;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code gan sample}: images from a checkpoint, one per seed as StyleGAN's {@code gen_images.py --seeds}, so seed 5
 * is the same image in a grid, as a single PNG and at the end of an interpolation. Every option is checked, and
 * the output path too, before the checkpoint is loaded.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate images from a checkpoint, or from a run directory's latest checkpoint.",
                "Image i has seed SEED+i; the same checkpoint and seed always give the same pixels.",
                "Draws from the moving average of G (train.ema) when the run kept one; --no-ema for G itself."},
        footer = {"", "Examples:",
                "  gan sample outputs/00000-fashion-dcgan --out grid.png --truncation 0.7",
                "  gan sample outputs/00000-fashion-dcgan --single pngs --n 16 --seed 100",
                "  gan sample outputs/00000-fashion-dcgan --interpolate 3,7 --steps 10 \\",
                "      --out strip.png",
                "  gan sample outputs/00000-fashion-dcgan --training-grid --scale 1 --out grid.png"})
final class SampleCommand implements Callable<Integer> {
    static final int DEFAULT_COUNT = 64;
    static final int MAX_COUNT = 4096;
    static final int DEFAULT_STEPS = 8;
    static final int MAX_STEPS = 1024;
    static final int MAX_SCALE = 16;
    /** Seeds per row of a --per-class grid, as the training grids' rows. */
    static final int DEFAULT_PER_ROW = 8;

    @Parameters(index = "0", paramLabel = "CHECKPOINT_OR_RUN_DIR",
            description = "A checkpoint .zip, or a run directory (its latest checkpoint)")
    Path source;

    @Option(names = "--out", paramLabel = "FILE.png",
            description = "Write one PNG: a grid of the images, or with --interpolate a strip")
    Path out;

    @Option(names = "--single", paramLabel = "DIR",
            description = "Write one PNG per image into DIR: seedNNNN.png (with --interpolate: "
                    + "seedAAAA-to-seedBBBB-KKKK.png); created if missing, same names overwritten")
    Path single;

    @Option(names = "--n", paramLabel = "N", description = "Images, seeds SEED to SEED+N-1 (default "
            + DEFAULT_COUNT + ", at most " + MAX_COUNT + ")")
    Integer count;

    @Option(names = "--seed", paramLabel = "SEED", description = "First seed, 0 or more (default 0)")
    Long seed;

    @Option(names = "--interpolate", paramLabel = "SEED_A,SEED_B",
            description = "Spherical interpolation from SEED_A's latent to SEED_B's, both ends included")
    String interpolate;

    @Option(names = "--steps", paramLabel = "K", description = "Images along the interpolation (default "
            + DEFAULT_STEPS + ", 2 to " + MAX_STEPS + ")")
    Integer steps;

    @Option(names = "--training-grid",
            description = "With --out: the grid training writes (samples/iter-NNNNNNN.png), from the run's 64 fixed "
                    + "latents, instead of seeds")
    boolean trainingGrid;

    @Option(names = "--scale", paramLabel = "K",
            description = "Enlarge every pixel to KxK (nearest neighbour), 1 to " + MAX_SCALE + "; default: with --out "
                    + "the smallest K that shows a tile at " + ImageGrid.VISIBLE_TILE + " px or more (3 for 28x28), "
                    + "with --single 1 (exact pixels)")
    Integer scale;

    @Option(names = "--no-ema",
            description = "Draw from G itself, not from its moving average (train.ema), which is the default when the "
                    + "checkpoint has one")
    boolean noEma;

    @Option(names = "--class", paramLabel = "K",
            description = "A class-conditional generator's class for every image: an index, or a class name (a "
                    + "folder's subfolder name; Fashion-MNIST's names such as Dress). Default: seed s is made as "
                    + "class s mod K")
    String className;

    @Option(names = "--per-class",
            description = "With --out, for a class-conditional generator: one row per class, the same --n seeds "
                    + "(default " + DEFAULT_PER_ROW + ") in every row")
    boolean perClass;

    @Option(names = "--truncation", paramLabel = "PSI", defaultValue = "1",
            description = "Truncation trick, z' = PSI * z, PSI in (0, 1]; 1 (the default) is none, "
                    + "0.7 trades variety for typical images")
    double psi;

    @Option(names = "--standing-stats", paramLabel = "K", defaultValue = "0",
            description = "Recompute G's batch-norm running statistics as the average over K training-mode batches "
                    + "of other latents (BigGAN's standing statistics) before drawing; 0 (the default) keeps the "
                    + "saved ones, up to " + EvalCommand.MAX_STANDING)
    int standing;

    @Override
    public Integer call() {
        Request request = request();
        Path file;
        try {
            file = Checkpoints.resolve(source);
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        Optional<Path> created = out != null ? OutputPaths.pngFile("--out", out)
                : OutputPaths.directory("--single", single);
        Sampling sampling;
        try {
            sampling = Sampling.open(file, !noEma, standing);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw new UserInputException(message.contains(file.toString()) ? message
                    : "cannot read checkpoint " + file + ": " + message, e);
        }
        int chosen = ClassOption.chosen(sampling.classes(), className, perClass, trainingGrid, request.interpolation(),
                request.count(), file);
        int k = scale != null ? scale : out != null ? sampling.visibleScale() : 1;
        List<String> names = new ArrayList<>();
        try {
            if (trainingGrid) {
                ImageGrid.writePng(sampling.trainingGrid(k), out);
            } else if (out != null) {
                INDArray images = images(sampling, request, chosen);
                int columns = request.interpolation() || perClass ? request.count()
                        : Sampling.columnsFor(request.count());
                Sampling.writeGrid(images, columns, k, out);
            } else {
                INDArray images = images(sampling, request, chosen);
                for (int i = 0; i < request.count(); i++) {
                    names.add(request.interpolation() ? chosen >= 0
                            ? Sampling.interpolationFileName(request.seedA(), request.seedB(), chosen, i)
                            : Sampling.interpolationFileName(request.seedA(), request.seedB(), i)
                            : chosen >= 0 ? Sampling.seedFileName(request.seedA() + i, chosen)
                            : Sampling.seedFileName(request.seedA() + i));
                }
                Sampling.writeSingles(images, single, names, k);
            }
        } catch (IOException e) {
            throw new UserInputException(e.getMessage() + "; check the path, its permissions and the free space", e);
        }
        created.ifPresent(dir -> System.out.println("created directory " + dir));
        if (!noEma && !sampling.fromAverage()) {
            System.err.println("note: " + file + " has no moving average of G (train.ema was off, or the checkpoint "
                    + "is older): the images are G's own");
        }
        System.out.println(summary(request, names, file, k, sampling.fromAverage())
                + ClassOption.summary(sampling.classes(), chosen, perClass, trainingGrid));
        return GanCli.OK;
    }

    private INDArray images(Sampling sampling, Request request, int chosen) {
        if (perClass) {
            return sampling.perClassImages(request.seedA(), request.count(), psi);
        }
        if (request.interpolation()) {
            return sampling.interpolationImages(request.seedA(), request.seedB(), request.count(), psi, chosen);
        }
        return chosen >= 0 ? sampling.seedImages(request.seedA(), request.count(), psi, chosen)
                : sampling.seedImages(request.seedA(), request.count(), psi);
    }

    /** What to draw: {@code count} images from seed {@code seedA} on, or an interpolation from seedA to seedB. */
    record Request(boolean interpolation, long seedA, long seedB, int count) {
    }

    /** Every rule between the options, checked before anything is read or written. */
    Request request() {
        if (out == null && single == null) {
            throw new UserInputException("say where to write: --out FILE.png (one grid, or with --interpolate one"
                    + " strip) or --single DIR (one PNG per image)", null);
        }
        if (out != null && single != null) {
            throw new UserInputException("--out and --single exclude each other: --out writes one PNG (a grid or a"
                    + " strip), --single one PNG per image into a directory; give one of them", null);
        }
        if (scale != null && (scale < 1 || scale > MAX_SCALE)) {
            throw new UserInputException("--scale " + scale + " must be between 1 (exact pixels) and " + MAX_SCALE,
                    null);
        }
        if (trainingGrid) {
            if (out == null) {
                throw new UserInputException("--training-grid writes one grid: give --out FILE.png, not --single",
                        null);
            }
            if (count != null || seed != null || interpolate != null || steps != null || psi != 1 || standing != 0) {
                throw new UserInputException("--training-grid draws the run's own 64 fixed latents:"
                        + " --n, --seed, --interpolate, --steps, --truncation and --standing-stats do not go with it",
                        null);
            }
            if (className != null || perClass) {
                throw new UserInputException("--training-grid draws the run's own grid, which for a conditional run "
                        + "already has one row per class: --class and --per-class do not go with it", null);
            }
            return new Request(false, 0, 0, SampleGridListener.GRID_IMAGES);
        }
        if (perClass && (single != null || interpolate != null || className != null)) {
            throw new UserInputException("--per-class writes one grid with a row per class: give --out FILE.png, and "
                    + "neither --single, --interpolate nor --class", null);
        }
        if (standing < 0 || standing > EvalCommand.MAX_STANDING) {
            throw new UserInputException("--standing-stats " + standing + " must be between 0 (keep the saved "
                    + "statistics) and " + EvalCommand.MAX_STANDING + " batches", null);
        }
        if (!(psi > 0 && psi <= 1)) {
            throw new UserInputException("--truncation " + psi + " must be in (0, 1]: z' = PSI * z, so 1 is no"
                    + " truncation and smaller values trade variety for typical images (0.7 is common)", null);
        }
        if (interpolate == null) {
            if (steps != null) {
                throw new UserInputException("--steps goes with --interpolate SEED_A,SEED_B only; for more images"
                        + " give --n", null);
            }
            int n = count == null ? perClass ? DEFAULT_PER_ROW : DEFAULT_COUNT : count;
            if (n < 1 || n > MAX_COUNT) {
                throw new UserInputException("--n " + n + " must be between 1 and " + MAX_COUNT, null);
            }
            long first = seed == null ? 0 : seed;
            if (first < 0) {
                throw new UserInputException("--seed " + first + ": seeds are 0 or more", null);
            }
            if (first > Long.MAX_VALUE - (n - 1)) {
                throw new UserInputException("--seed " + first + " with --n " + n + ": the last seed, SEED+N-1, would"
                        + " pass " + Long.MAX_VALUE + "; give a smaller --seed", null);
            }
            return new Request(false, first, first + n - 1, n);
        }
        if (count != null) {
            throw new UserInputException("--n does not go with --interpolate: the interpolation has --steps images",
                    null);
        }
        if (seed != null) {
            throw new UserInputException("--seed does not go with --interpolate: its two seeds are SEED_A,SEED_B, "
                    + "e.g. --interpolate 3,7", null);
        }
        int k = steps == null ? DEFAULT_STEPS : steps;
        if (k < 2 || k > MAX_STEPS) {
            throw new UserInputException("--steps " + k + " must be between 2 and " + MAX_STEPS
                    + " (both ends are included)", null);
        }
        String[] parts = interpolate.split(",", -1);
        if (parts.length != 2) {
            throw new UserInputException("--interpolate " + interpolate + " must be two seeds, SEED_A,SEED_B, "
                    + "e.g. --interpolate 3,7", null);
        }
        return new Request(true, interpolationSeed(parts[0]), interpolationSeed(parts[1]), k);
    }

    private long interpolationSeed(String text) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw new UserInputException("--interpolate " + interpolate + ": '" + text + "' is not a seed (a whole"
                    + " number, 0 or more); e.g. --interpolate 3,7", null);
        }
        return value;
    }

    private String summary(Request request, List<String> names, Path checkpoint, int k, boolean average) {
        String scaled = k == 1 ? "" : ", " + k + "x";
        String generator = average ? " (the moving average of G)" : noEma ? " (G, not its moving average)" : "";
        if (trainingGrid) {
            return "wrote " + out + ": the training grid (the run's 64 fixed latents)" + scaled + ", from "
                    + checkpoint + generator;
        }
        int n = request.count();
        String what = request.interpolation()
                ? n + " steps from seed " + request.seedA() + " to seed " + request.seedB() + " (spherical)"
                : (perClass ? plural(n, "image") + " per class" : plural(n, "image")) + ", " + (n == 1 ? "seed " + request.seedA()
                : "seeds " + request.seedA() + "-" + request.seedB());
        String truncation = psi == 1 ? "" : ", truncation " + psi;
        String where = out != null ? out.toString() : plural(n, "PNG") + " to " + single + " (" + names.get(0)
                + (n == 1 ? "" : " to " + names.get(n - 1)) + ")";
        return "wrote " + where + ": " + what + truncation + scaled + ", from " + checkpoint + generator;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
