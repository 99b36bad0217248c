package dev.jvmgan.data.decode;

import java.nio.file.Path;

/**
 * One image file that cannot be used, with the kind of problem and a reason for the user
 * ({@code truncated: the JPEG data ends early (Premature end of JPEG file)}). The message is the reason alone; the
 * file is in {@link #file()}.
 */
public final class BadImageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with a file, for the start-up summary ({@code 3 skipped: 2 empty, 1 truncated}). */
    public enum Kind {
        EMPTY("empty"), NOT_AN_IMAGE("not an image"), UNSUPPORTED("unsupported format"), TRUNCATED("truncated"),
        CORRUPT("corrupt"), TOO_LARGE("too large");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How the summary counts it. */
        public String label() {
            return label;
        }
    }

    private final transient Path file;
    private final Kind kind;

    BadImageException(Path file, Kind kind, String reason) {
        super(reason);
        this.file = file;
        this.kind = kind;
    }

    BadImageException(Path file, Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.file = file;
        this.kind = kind;
    }

    public Path file() {
        return file;
    }

    public Kind kind() {
        return kind;
    }
}
