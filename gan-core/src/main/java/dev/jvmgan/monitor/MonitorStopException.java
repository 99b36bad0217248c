package dev.jvmgan.monitor;

/** An alert whose policy is {@code stop} ended the run; the message names the rule and what it saw. */
public final class MonitorStopException extends RuntimeException {
    public MonitorStopException(String message) {
        super(message);
    }
}
