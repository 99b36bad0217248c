package dev.jvmgan.cli;

import dev.jvmgan.run.Sampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate a grid of images from a checkpoint (or a run directory's latest checkpoint).")
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT_OR_RUN_DIR")
    Path source;

    @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "Images in the grid (default 64)")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Latent seed (default 0)")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "PNG file to write")
    Path out;

    @Override
    public Integer call() {
        if (count < 1 || count > 4096) {
            throw new UserInputException("--n " + count + " must be between 1 and 4096", null);
        }
        Path used;
        try {
            used = Sampling.grid(source, count, seed, out);
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        System.out.println("wrote " + out + " (" + count + " images from " + used + ", seed " + seed + ")");
        return GanCli.OK;
    }
}
