package dev.jvmgan.checkpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fault injection for the kill tests: with {@code -Dgan.checkpoint.holdAfterBytes=N}, a checkpoint write stops
 * for good after its first N bytes reached the temporary file, and announces it with an empty file
 * {@code <temporary file>.held}. A test then kills the process at a known point inside a write, instead of hoping
 * a random moment falls into one. Never set by the launcher; unset, checkpoints are written as usual.
 */
final class HeldWrite {
    static final String PROPERTY = "gan.checkpoint.holdAfterBytes";
    static final String MARKER_SUFFIX = ".held";
    private final long holdAfter;

    private HeldWrite(long holdAfter) {
        this.holdAfter = holdAfter;
    }

    /** The hold the JVM was started with, if any. */
    static Optional<HeldWrite> fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null ? Optional.empty() : Optional.of(new HeldWrite(Long.parseLong(value.trim())));
    }

    /** A stream to {@code file} that blocks forever once {@code holdAfter} bytes are written. */
    OutputStream open(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new FilterOutputStream(raw) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int before = (int) Math.max(0, Math.min(len, holdAfter - written));
                out.write(b, off, before);
                written += before;
                if (written >= holdAfter) {
                    out.flush();
                    Files.createFile(file.resolveSibling(file.getFileName() + MARKER_SUFFIX));
                    hold();
                }
                out.write(b, off + before, len - before);
                written += len - before;
            }
        };
    }

    private static void hold() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Only a kill ends a held write; an interrupt (the stop handler's, for example) must not finish it.
            }
        }
    }
}
