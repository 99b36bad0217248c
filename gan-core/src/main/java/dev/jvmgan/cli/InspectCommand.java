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
import dev.jvmgan.model.ArchitectureContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 * would build them from a config, without loading any data. A conditional model ({@code model.conditional: true})
 * is built with the probe count of classes unless {@code --classes K} says otherwise, and each network's label path
 * (the rows fed by the labels input) is listed under its table.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the generator's and discriminator's layers, shapes and parameter counts for a config.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML run config, e.g. configs/fashion-dcgan.yaml")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, validated like the file: --set model.generator.widths=[256,128]")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--classes", paramLabel = "K",
            description = "With model.conditional: true, build with K classes (default: the probe count, 2; training "
                    + "takes K from the data's labels, which inspect does not read)")
    Integer classes;

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
        boolean conditional = resolved.model().usesClasses();
        if (classes != null && !conditional) {
            System.err.println("error: --classes " + classes + " is for a conditional model, but "
                    + config + " has model.conditional: false (and neither network's own conditional is true)");
            return GanCli.USAGE;
        }
        if (classes != null && classes < 2) {
            System.err.println("error: --classes " + classes + ": a conditional model needs at least 2 classes");
            return GanCli.USAGE;
        }
        int numClasses = !conditional ? 0 : classes != null ? classes : NetworkFactory.PROBE_CLASSES;
        NativeBackend.initialise();
        ImageShape shape = new ImageShape(resolved.data().channels(), resolved.data().imageSize());
        if (conditional) {
            System.out.println(ConditionalSummary.headline(numClasses, classes != null));
            System.out.println();
        }
        // A network that is not conditional itself (model.<network>.conditional: false) is built without labels.
        print(resolved, shape, NetworkRole.GENERATOR,
                NetworkRole.GENERATOR.conditional(resolved.model()) ? numClasses : 0);
        System.out.println();
        print(resolved, shape, NetworkRole.DISCRIMINATOR,
                NetworkRole.DISCRIMINATOR.conditional(resolved.model()) ? numClasses : 0);
        return GanCli.OK;
    }

    private static void print(RunConfig config, ImageShape shape, NetworkRole role, int numClasses) {
        boolean generator = role == NetworkRole.GENERATOR;
        NetworkConfig net = generator ? config.model().generator() : config.model().discriminator();
        Model network = network(config, shape, generator, numClasses);
        ArchitectureContext context = new ArchitectureContext(role, config.model(),
                generator ? config.train().g() : config.train().d(), shape, config.train().seed(), DataType.FLOAT,
                numClasses);
        InputType[] inputs = network instanceof ComputationGraph graph && graph.getNumInputArrays() == 2
                ? new InputType[] {context.inputType(), context.labelInputType()}
                : new InputType[] {context.appendedInputType()};
        NetworkSummary summary = NetworkSummary.of(network, inputs);
        System.out.print(summary.table(title(generator ? "generator" : "discriminator", net)));
        if (numClasses > 0) {
            System.out.print(ConditionalSummary.labelPath(network, summary, numClasses));
        }
    }

    /**
     * The one place that knows how networks are built: as {@code TrainingRun} builds them. The seed is the run's
     * own; it changes weights only, never what is printed.
     */
    private static Model network(RunConfig config, ImageShape shape, boolean generator, int numClasses) {
        long seed = config.train().seed();
        return generator
                ? NetworkFactory.create(NetworkRole.GENERATOR, config.model(), config.train().g(), shape, seed,
                        DataType.FLOAT, numClasses)
                : NetworkFactory.create(NetworkRole.DISCRIMINATOR, config.model(), config.train().d(), shape, seed,
                        DataType.FLOAT, numClasses);
    }

    private static String title(String role, NetworkConfig net) {
        return role + " (" + net.architecture() + ")";
    }
}
