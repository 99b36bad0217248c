package dev.jvmgan.eval;

/**
 * Scores that would be compared across two feature networks. The message names both hashes and what to do;
 * {@code gan eval} reports it as bad input (exit code 2).
 */
public final class ExtractorMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String first;
    private final String second;

    public ExtractorMismatchException(String message, String first, String second) {
        super(message);
        this.first = first;
        this.second = second;
    }

    /** The hash already in use. */
    public String first() {
        return first;
    }

    /** The hash that differs from it. */
    public String second() {
        return second;
    }
}
