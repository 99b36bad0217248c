package dev.jvmgan.cli;

/** Something the user gave (a path, an argument) is unusable; the CLI prints the message and exits with 2. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
