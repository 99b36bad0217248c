package dev.jvmgan.run;

/**
 * A problem with what a run was given, found before training starts: an output directory that cannot be
 * written, a checkpoint that cannot be resumed. The CLI prints the message and exits with 2; nothing was trained.
 */
public final class RunSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
