package dev.jvmgan.cli;

import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.ConfigRule;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.console.StatusLine;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.run.ClusterLoops;
import dev.jvmgan.run.DataRule;
import dev.jvmgan.run.ResumeChanges;
import dev.jvmgan.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a GAN from a YAML config; the run lands in <output.runsRoot>/<NNNNN>-<name>/.",
                "Ctrl-C or SIGTERM finishes the iteration, writes a checkpoint and exits with 130; "
                        + "--resume RUN_DIR continues exactly from the run's latest checkpoint."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "YAML run config, e.g. configs/fashion-dcgan.yaml (with --resume: optional, compared with "
                    + "the checkpoint's)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, validated like the file: --set train.batchSize=128")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--iterations", paramLabel = "N", description = "Shorthand for --set train.iterations=N")
    Integer iterations;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue this run directory from its latest checkpoint, with the config it was trained "
                    + "with (bitwise the same as an uninterrupted run on the CPU)")
    Path resume;

    @Option(names = "--allow-config-change",
            description = "With --resume: accept a config that differs from the checkpoint's in more than "
                    + "train.iterations (the differences are logged and recorded in metrics.jsonl)")
    boolean allowConfigChange;

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Train on Apache Spark by local SGD over train.distributed's partitions: local[2] in this "
                    + "process, spark://host:7077, yarn, ...; alone, Spark's own settings (spark.master) decide. "
                    + "Needs gan-spark on the classpath (./gan adds it)")
    String spark;

    /** The config the run trains with, once {@link #call()} has read it. */
    private RunConfig chosen;

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(overrides);
        if (iterations != null) {
            all.add("train.iterations=" + iterations);
        }
        TrainingRun run;
        if (resume == null) {
            if (config == null) {
                throw new UserInputException("give a CONFIG to start a run (e.g. configs/fashion-dcgan.yaml), or "
                        + "--resume RUN_DIR to continue one", null);
            }
            if (allowConfigChange) {
                throw new UserInputException("--allow-config-change only applies with --resume RUN_DIR", null);
            }
            chosen = ConfigLoader.load(config, all, rules());
            run = new TrainingRun(chosen, System.console() != null);
        } else {
            run = resumed(all);
            if (run == null) {
                return GanCli.OK;
            }
        }
        Path runDir;
        try (ClusterLoops cluster = spark == null ? null : cluster(spark, chosen);
             StopOnSignals signals = StopOnSignals.install(run::requestStop, StatusLine.stderr().printStream())) {
            if (cluster != null) {
                run.withLoop(cluster);
            }
            runDir = run.run();
        }
        if (run.stopped()) {
            System.out.println("stopped at iteration " + run.iterationsDone() + "; its checkpoint is in "
                    + runDir.resolve(Checkpoints.DIRECTORY));
            System.out.println("continue with: ./gan train --resume " + runDir);
            return GanCli.INTERRUPTED;
        }
        System.out.println("done: " + runDir);
        return GanCli.OK;
    }

    /** The resumed run, or null when the run has already reached its iterations (said on standard output). */
    private TrainingRun resumed(List<String> overrides) {
        if (!Files.isDirectory(resume)) {
            throw new UserInputException("--resume " + resume + ": " + (Files.exists(resume) ? "is a file" : "does "
                    + "not exist") + "; give a run directory, such as outputs/00000-fashion-dcgan", null);
        }
        Checkpoints.Loaded loaded;
        try {
            loaded = Checkpoints.loadLatest(resume);
        } catch (IOException e) {
            throw new UserInputException("--resume " + resume + ": " + e.getMessage(), e);
        }
        String source = loaded.file() + "!/config.yaml";
        String savedYaml = loaded.checkpoint().configYaml();
        RunConfig saved = ConfigLoader.parse(savedYaml, source, "resumed", List.of(), rules());
        RunConfig requested = config != null ? ConfigLoader.load(config, overrides, rules())
                : ConfigLoader.parse(savedYaml, source, "resumed", overrides, rules());
        List<ConfigDiff.Change> changes = ConfigDiff.between(saved, requested);
        // Training a run longer (or to an earlier end) is the commonest resume: the schedule may change freely.
        List<ConfigDiff.Change> others = changes.stream().filter(c -> !c.schedule()).toList();
        if (!others.isEmpty() && !allowConfigChange) {
            throw new UserInputException("cannot resume " + resume + " with a different config: " + others.size()
                    + " value" + (others.size() == 1 ? " differs" : "s differ") + " from " + source + ":\n"
                    + others.stream().map(c -> "  " + c).collect(Collectors.joining("\n"))
                    + "\nResume without the changes (--resume alone uses the checkpoint's config; --iterations N "
                    + "may always change), or add --allow-config-change to accept them (they go into the run's log "
                    + "and metrics.jsonl).", null);
        }
        List<ConfigDiff.Change> fixed = ResumeChanges.fixedByCheckpoint(others);
        if (!fixed.isEmpty()) {
            throw new UserInputException("cannot resume " + resume + " with a different network: the checkpoint "
                    + loaded.file() + " holds G and D as they were built, so " + (fixed.size() == 1 ? "this change"
                    : "these changes") + " could not take effect:\n"
                    + fixed.stream().map(c -> "  " + c).collect(Collectors.joining("\n"))
                    + "\nResume without " + (fixed.size() == 1 ? "it" : "them") + ", or start a new run with the "
                    + "changed config (model.*.spectralNorm and model.fakeClasses may change on resume).", null);
        }
        long reached = loaded.checkpoint().state().iteration();
        long target = requested.train().iterations();
        if (target <= reached) {
            System.out.println("nothing to do: " + resume + " is at iteration " + reached + " and "
                    + (target == reached ? "train.iterations is " : "was asked for ") + target + "; nothing was "
                    + "written. To train it longer: ./gan train --resume " + resume + " --iterations "
                    + Math.max(2 * reached, reached + 1));
            return null;
        }
        chosen = requested;
        return new TrainingRun(requested, System.console() != null).resumingFrom(resume, loaded, saved, changes);
    }

    /** The cluster loop of the first provider on the classpath (gan-spark's). */
    private static ClusterLoops cluster(String master, RunConfig config) {
        ClusterLoops.Provider provider = ServiceLoader.load(ClusterLoops.Provider.class).findFirst()
                .orElseThrow(() -> new UserInputException("--spark needs the gan-spark module on the classpath: start "
                        + "training through ./gan (which adds it when --spark is given), or spark-submit gan-spark's "
                        + "job jar", null));
        return provider.open(master, config);
    }

    static List<ConfigRule> rules() {
        return List.of(NetworkFactory.rule(), new DataRule());
    }
}
