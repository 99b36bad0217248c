package dev.jvmgan.console;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A stream shared by log lines and one status line (the progress bar) kept below them.
 *
 * <p>A progress bar redraws its line with a carriage return and no newline, so text written while it is on
 * screen would start in the middle of the bar and be overwritten by its next redraw. Here every complete line of
 * text is written above the bar instead: the bar's line is blanked, the text line written, and the bar redrawn
 * below it. Text is buffered until its newline, so a line written in pieces ({@code print} then {@code println})
 * still comes out whole. Without a status line shown, lines pass straight through (a pipe or a file sees plain
 * lines, never a carriage return).
 *
 * <p>Thread-safe: the log, the bar's refresh thread and a signal handler write through one lock.
 */
public final class StatusLine {
    private static final StatusLine STDERR = new StatusLine(() -> System.err);

    private final Supplier<PrintStream> out;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
    private String shown;

    /** @param out where to write, asked at every write so that {@code System.setErr} is followed */
    public StatusLine(Supplier<PrintStream> out) {
        this.out = out;
    }

    /** The process's standard error, shared by the log appender, the progress bar and the CLI's messages. */
    public static StatusLine stderr() {
        return STDERR;
    }

    /** Text to write above the status line; complete lines are written at once, a partial one at its newline. */
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i + 1 - start);
                emitPending();
                start = i + 1;
            }
        }
        pending.write(bytes, start, offset + length - start);
    }

    /** Draws {@code line} as the status line (it must fit the terminal's width, or it wraps and cannot be redrawn). */
    public synchronized void show(String line) {
        PrintStream stream = out.get();
        String previous = shown;
        shown = line;
        stream.print('\r');
        stream.print(line);
        if (previous != null && previous.length() > line.length()) {
            stream.print(" ".repeat(previous.length() - line.length()));
            stream.print('\r');
            stream.print(line);
        }
        stream.flush();
    }

    /** Leaves the status line where it is, as the last line of output, and ends it; later text goes below it. */
    public synchronized void finish() {
        if (pending.size() > 0) {
            pending.write('\n');
            emitPending();
        }
        if (shown != null) {
            PrintStream stream = out.get();
            stream.println();
            stream.flush();
            shown = null;
        }
    }

    /** Whether a status line is on screen now. */
    public synchronized boolean showing() {
        return shown != null;
    }

    /** This status line's text stream, e.g. for an appender. */
    public OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                StatusLine.this.write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                StatusLine.this.write(b, off, len);
            }
        };
    }

    /** This status line's text stream as a {@code PrintStream} (UTF-8), for messages printed outside the log. */
    public PrintStream printStream() {
        return new PrintStream(stream(), true, StandardCharsets.UTF_8);
    }

    private void emitPending() {
        PrintStream stream = out.get();
        if (shown != null) {
            stream.print('\r');
            stream.print(" ".repeat(shown.length()));
            stream.print('\r');
        }
        stream.write(pending.toByteArray(), 0, pending.size());
        pending.reset();
        if (shown != null) {
            stream.print(shown);
        }
        stream.flush();
    }
}
