package dev.jvmgan.console;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/**
 * Draws a progress bar as the {@link StatusLine}, so that log lines printed while it runs appear whole above it.
 * The width is the terminal's, as the progress bar library measures it.
 */
public final class StatusLineConsumer extends ConsoleProgressBarConsumer {
    private final StatusLine line;

    public StatusLineConsumer(StatusLine line) {
        super(System.err);
        this.line = line;
    }

    @Override
    public void accept(String rendered) {
        int width = getMaxRenderedLength();
        line.show(rendered.length() > width ? rendered.substring(0, Math.max(0, width)) : rendered);
    }

    @Override
    public void close() {
        line.finish();
    }
}
