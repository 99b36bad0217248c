package dev.jvmgan.train;

/** Training produced a NaN or infinite loss; the message names the iteration. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
