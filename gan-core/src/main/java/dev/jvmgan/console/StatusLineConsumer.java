package dev.jvmgan.console;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/**
 * Draws a progress bar as the {@link StatusLine}, so that log lines printed while it runs appear whole above it.
 * The width is the terminal's, as the progress bar library measures it, or 80 columns where it cannot tell.
 */
public final class StatusLineConsumer extends ConsoleProgressBarConsumer {
    private final StatusLine line;

    public StatusLineConsumer(StatusLine line) {
        super(System.err);
        this.line = line;
    }

    /** Below this many columns the terminal's width is taken as unknown (a dumb terminal reports 0). */
    static final int NARROWEST = 20;
    static final int UNKNOWN_WIDTH = 80;

    private volatile boolean closed;

    @Override
    public void accept(String rendered) {
        // The library's refresh thread can still be inside a periodic redraw when close() runs: a bar drawn after
        // that would stay on screen and be redrawn under every later log line.
        synchronized (line) {
            if (!closed) {
                line.show(rendered.length() > width() ? rendered.substring(0, width()) : rendered);
            }
        }
    }

    /** The terminal's width less one column, so the bar never wraps (a wrapped line cannot be redrawn). */
    int width() {
        int width = getMaxRenderedLength();
        return width < NARROWEST ? UNKNOWN_WIDTH - 1 : width;
    }

    /** Ends the bar's line; later redraws are ignored. Idempotent. */
    @Override
    public void close() {
        synchronized (line) {
            if (!closed) {
                closed = true;
                line.finish();
            }
        }
    }
}
