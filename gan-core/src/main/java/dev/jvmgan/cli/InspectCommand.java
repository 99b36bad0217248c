package dev.jvmgan.cli;

import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.config.ConfigException;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.model.NetworkSummary;
import dev.jvmgan.run.DataRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Prints the generator's and the discriminator's layers (type, activation, output shape, parameters) as training
 * would build them from a config, without loading any data.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the generator's and discriminator's layers, shapes and parameter counts for a config.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML run config, e.g. configs/fashion-dcgan.yaml")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, validated like the file: --set model.generator.widths=[256,128]")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // Inspect loads no data: a data path that is not there yet is worth a warning, not a refusal.
        RunConfig resolved = ConfigLoader.load(config, overrides, List.of(NetworkFactory.rule()));
        try {
            ConfigLoader.load(config, overrides, List.of(new DataRule()));
        } catch (ConfigException data) {
            data.problems().forEach(p -> System.err.println("warning: " + p + " (inspect reads no data; train "
                    + "will refuse this)"));
        }
        NativeBackend.initialise();
        ImageShape shape = new ImageShape(resolved.data().channels(), resolved.data().imageSize());
        InputType latents = InputType.feedForward(resolved.model().latentDim());
        InputType images = InputType.convolutional(shape.size(), shape.size(), shape.channels(), CNN2DFormat.NCHW);

        Model g = network(resolved, shape, true);
        System.out.print(NetworkSummary.of(g, latents).table(title("generator", resolved.model().generator())));
        System.out.println();
        Model d = network(resolved, shape, false);
        System.out.print(NetworkSummary.of(d, images).table(title("discriminator", resolved.model().discriminator())));
        return GanCli.OK;
    }

    /**
     * The one place that knows how networks are built: as {@code TrainingRun} builds them. The seed is the run's
     * own; it changes weights only, never what is printed.
     */
    private static Model network(RunConfig config, ImageShape shape, boolean generator) {
        long seed = config.train().seed();
        return generator
                ? NetworkFactory.create(NetworkRole.GENERATOR, config.model(), config.train().g(), shape, seed,
                        DataType.FLOAT)
                : NetworkFactory.create(NetworkRole.DISCRIMINATOR, config.model(), config.train().d(), shape, seed,
                        DataType.FLOAT);
    }

    private static String title(String role, NetworkConfig net) {
        return role + " (" + net.architecture() + ")";
    }
}
