package dev.jvmgan.console;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * Logback's console appender for standard error, writing through {@link StatusLine#stderr()} so that no log line
 * is drawn into, or overwritten by, the progress bar. In {@code logback.xml}:
 * {@code <appender name="STDERR" class="dev.jvmgan.console.StatusLineAppender">} with an encoder.
 */
public class StatusLineAppender extends OutputStreamAppender<ILoggingEvent> {
    @Override
    public void start() {
        setOutputStream(StatusLine.stderr().stream());
        super.start();
    }
}
