package dev.jvmgan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan study NAME}: studies made of many runs; {@code activations} is the one there is. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Run a study: many training runs of one grid, resumable, summarised in tables and charts.",
        subcommands = {StudyActivationsCommand.class})
final class StudyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing study: activations (gan study activations [--quick])");
    }
}
