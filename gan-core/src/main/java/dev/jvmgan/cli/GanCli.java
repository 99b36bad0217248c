package dev.jvmgan.cli;

import dev.jvmgan.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code gan} command line. Exit codes: 0 success, 1 failure during work, 2 usage or input error (a bad
 * config, a missing file), 130 interrupted.
 */
@Command(name = "gan", mixinStandardHelpOptions = true, version = "gan 0.1.0",
        description = "Train, monitor and sample image GANs on the JVM (DL4J / ND4J).",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, InspectCommand.class,
                BenchCommand.class, ReportCommand.class, StudyCommand.class, CommandLine.HelpCommand.class})
public final class GanCli implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** Ctrl-C or SIGTERM stopped training (after writing a checkpoint), as shells report 128 + SIGINT. */
    public static final int INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (for tests: nothing calls System.exit). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new GanCli());
        cli.setExecutionExceptionHandler(GanCli::handle);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // JavaCPP's "Physical memory usage is too high" and the heap's own both land here.
            PrintWriter err = cli.getErr();
            err.println("error: out of memory: " + e.getMessage());
            err.println("The ./gan launcher bounds memory: raise GAN_XMX (heap), GAN_OFFHEAP (ND4J off-heap) and "
                    + "GAN_PHYSICAL (process RSS), e.g. GAN_XMX=1g GAN_OFFHEAP=2g GAN_PHYSICAL=3g ./gan ...; "
                    + "checkpoints already written are intact.");
            err.flush();
            return FAILURE;
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: train, sample, eval, inspect, bench, report or study");
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ConfigException config) {
            err.println(config.getMessage());
            err.println("(" + config.problems().size() + " problem" + (config.problems().size() == 1 ? "" : "s")
                    + "; nothing was trained)");
            err.flush();
            return USAGE;
        }
        if (e instanceof dev.jvmgan.run.RunSetupException setup) {
            err.println("error: " + setup.getMessage());
            err.println("(nothing was trained)");
            err.flush();
            return USAGE;
        }
        if (e instanceof UserInputException input) {
            err.println("error: " + input.getMessage());
            err.flush();
            return USAGE;
        }
        err.println("error: " + e.getMessage());
        if (Boolean.getBoolean("gan.debug")) {
            e.printStackTrace(err);
        } else {
            err.println("(set GAN_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return FAILURE;
    }
}
