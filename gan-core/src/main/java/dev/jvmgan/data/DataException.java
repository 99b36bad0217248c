package dev.jvmgan.data;

import java.io.IOException;

/**
 * Training data that cannot be used: a missing or unreadable file, a file that is not what it claims to be, a folder
 * without a single readable image. The message is meant for the user and always names the file or folder
 * ({@code data/train.gz: truncated IDX images file: the header announces 60000 images of 28x28, so expected
 * 47040016 bytes, found 1000}).
 */
public final class DataException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
