package dev.jvmgan.cli;

import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.ConfigRule;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.run.DataRule;
import dev.jvmgan.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GAN from a YAML config; the run lands in <output.runsRoot>/<NNNNN>-<name>/.")
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML run config, e.g. configs/fashion-dcgan.yaml")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, validated like the file: --set train.batchSize=128")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--iterations", paramLabel = "N", description = "Shorthand for --set train.iterations=N")
    Integer iterations;

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(overrides);
        if (iterations != null) {
            all.add("train.iterations=" + iterations);
        }
        RunConfig resolved = ConfigLoader.load(config, all, rules());
        Path runDir = new TrainingRun(resolved, System.console() != null).run();
        System.out.println("done: " + runDir);
        return GanCli.OK;
    }

    static List<ConfigRule> rules() {
        return List.of(NetworkFactory.rule(), new DataRule());
    }
}
