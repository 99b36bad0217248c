package dev.jvmgan.config;

/**
 * Where training images come from and what shape they are fed to the networks in.
 *
 * @param source    {@link DataSource#IDX} (MNIST format) or {@link DataSource#FOLDER} (image files)
 * @param path      for IDX: an images file ({@code .gz} or plain) or {@code embedded:fashion-mnist-test};
 *                  for FOLDER: a directory. Relative paths resolve against the working directory.
 * @param imageSize side of the square images the networks see, in pixels
 * @param channels  1 (grey) or 3 (RGB)
 */
public record DataConfig(DataSource source, String path, int imageSize, int channels) {
    /** The Fashion-MNIST 10k test split shipped inside gan-core. */
    public static final String EMBEDDED_FASHION_MNIST = "embedded:fashion-mnist-test";
}
