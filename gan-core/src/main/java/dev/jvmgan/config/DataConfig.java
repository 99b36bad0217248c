package dev.jvmgan.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where training images come from and what shape they are fed to the networks in.
 *
 * @param source    {@link DataSource#IDX} (MNIST format) or {@link DataSource#FOLDER} (image files)
 * @param path      for IDX: an images file ({@code .gz} or plain) or {@code embedded:fashion-mnist-test};
 *                  for FOLDER: a directory. Relative paths resolve against the working directory.
 * @param imageSize side of the square images the networks see, in pixels (4..1024)
 * @param channels  1 (grey) or 3 (RGB)
 */
public record DataConfig(DataSource source, String path, int imageSize, int channels) {
    /** The Fashion-MNIST 10k test split shipped inside gan-core. */
    public static final String EMBEDDED_FASHION_MNIST = "embedded:fashion-mnist-test";

    static final Bound IMAGE_SIZE = Bound.between(4, 1024);

    /**
     * Unlike the other records, this one leaves imageSize and channels to the loader (which enforces the ranges
     * above for every YAML config) and to {@code ImageDataset.open}, which checks the shapes it can actually
     * produce: code and tests build configs for shapes outside the YAML range, such as 2x2 resampling fixtures.
     */
    public DataConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("path: must not be empty");
        }
    }

    static Optional<String> channelsProblem(int channels) {
        return channels == 1 || channels == 3
                ? Optional.empty()
                : Optional.of(channels + " must be 1 (grey) or 3 (RGB)");
    }
}
