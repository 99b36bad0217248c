package dev.jvmgan.study;

/** The study cannot start as asked (its output directory holds other runs); the message says what to do instead. */
public final class StudyException extends RuntimeException {
    public StudyException(String message) {
        super(message);
    }
}
