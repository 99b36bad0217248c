package dev.jvmgan.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where training images come from, what shape they are fed to the networks in, and how a folder of image files is
 * read. The keys after {@code channels} concern {@code source: folder} only, except {@code flip}, which applies to
 * every source.
 *
 * @param source         {@link DataSource#IDX} (MNIST format) or {@link DataSource#FOLDER} (image files)
 * @param path           for IDX: an images file ({@code .gz} or plain) or {@code embedded:fashion-mnist-test};
 *                       for FOLDER: a directory. Relative paths resolve against the working directory.
 * @param imageSize      side of the square images the networks see, in pixels (4..1024)
 * @param channels       1 (grey) or 3 (RGB)
 * @param crop           which square of a non-square image is used: the centred one, or one at a random offset
 *                       along the long side, drawn anew for every epoch and position (and so reproducible)
 * @param flip           mirror each image left-right with probability 1/2 (StyleGAN2-ADA's {@code --mirror})
 * @param background     0xRRGGBB that transparent pixels are composited onto
 * @param badFiles       a file that cannot be decoded is skipped (named once in a WARN) or ends the run
 * @param maxImagePixels width x height above which a file is refused from its header alone, before any pixel
 *                       buffer is allocated (a decompression bomb, or a photo too large for the heap)
 * @param cache          {@link Cache#DISK}: decode the folder once into a file of finished images, reused by later
 *                       runs and held in memory; for small datasets
 * @param loaderThreads  background threads that decode images ahead of the training loop (1..64)
 */
public record DataConfig(DataSource source, String path, int imageSize, int channels, Crop crop, boolean flip,
                         int background, BadFiles badFiles, int maxImagePixels, Cache cache, int loaderThreads) {
    /** The Fashion-MNIST 10k test split shipped inside gan-core. */
    public static final String EMBEDDED_FASHION_MNIST = "embedded:fashion-mnist-test";

    static final Bound IMAGE_SIZE = Bound.between(4, 1024);
    static final Bound MAX_IMAGE_PIXELS = Bound.between(1, Integer.MAX_VALUE);
    static final Bound LOADER_THREADS = Bound.between(1, 64);

    /**
     * 40 megapixels (7,750 x 5,160): an 8-bit RGB image of that size takes about 280 MB of heap while it is decoded
     * and converted, which the launcher's default {@code -Xmx384m} can still hold. PIL's decompression-bomb limit
     * is 89 megapixels; raise this together with {@code GAN_XMX}.
     */
    public static final int DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;
    public static final int DEFAULT_LOADER_THREADS = 2;
    public static final int BLACK = 0x000000;
    public static final int WHITE = 0xFFFFFF;

    /** The Fashion-MNIST test split shipped inside gan-core; a folder's images would be taken as they are. */
    static final Schema<DataConfig> SCHEMA = Schema.of(DataConfig.class,
            Key.choice("source", DataSource.IDX),
            Key.text("path", EMBEDDED_FASHION_MNIST),
            Key.integer("imageSize", 28, IMAGE_SIZE),
            Key.integer("channels", 1, DataConfig::channelsProblem),
            Key.choice("crop", Crop.CENTER, Map.of("centre", Crop.CENTER)),
            Key.bool("flip", false),
            SpecialKeys.colour("background", BLACK),
            Key.choice("badFiles", BadFiles.SKIP),
            Key.integer("maxImagePixels", DEFAULT_MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS),
            Key.choice("cache", Cache.NONE),
            Key.integer("loaderThreads", DEFAULT_LOADER_THREADS, LOADER_THREADS));

    /** YAML names of background colours besides {@code "#RRGGBB"}. */
    static final Map<String, Integer> COLOUR_NAMES = Map.of("black", BLACK, "white", WHITE, "grey", 0x808080,
            "gray", 0x808080);

    /** Which square of a non-square image the networks see. */
    public enum Crop { CENTER, RANDOM }

    /** What a file that cannot be decoded does. */
    public enum BadFiles { SKIP, FAIL }

    /** Whether decoded images are kept in a file between runs. */
    public enum Cache { NONE, DISK }

    /**
     * Unlike the other records, this one leaves imageSize and channels to the loader (which enforces the ranges
     * above for every YAML config) and to {@code TrainingData.open}, which checks the shapes it can actually
     * produce: code and tests build configs for shapes outside the YAML range, such as 2x2 resampling fixtures.
     */
    public DataConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(badFiles, "badFiles");
        Objects.requireNonNull(cache, "cache");
        if (path.isBlank()) {
            throw new IllegalArgumentException("path: must not be empty");
        }
        if ((background & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("background: 0x" + Integer.toHexString(background)
                    + " must be an RGB colour, 0x000000..0xFFFFFF");
        }
        MAX_IMAGE_PIXELS.require("maxImagePixels", maxImagePixels);
        LOADER_THREADS.require("loaderThreads", loaderThreads);
    }

    /** The given source and shape, every folder option at its default ({@link Defaults#data()}). */
    public DataConfig(DataSource source, String path, int imageSize, int channels) {
        this(source, path, imageSize, channels, SCHEMA.defaults().crop(), SCHEMA.defaults().flip(),
                SCHEMA.defaults().background(), SCHEMA.defaults().badFiles(), SCHEMA.defaults().maxImagePixels(),
                SCHEMA.defaults().cache(), SCHEMA.defaults().loaderThreads());
    }

    /** This config with other folder options; the source, path and shape stay. */
    public DataConfig withFolderOptions(Crop crop, boolean flip, int background, BadFiles badFiles,
                                        int maxImagePixels, Cache cache, int loaderThreads) {
        return new DataConfig(source, path, imageSize, channels, crop, flip, background, badFiles, maxImagePixels,
                cache, loaderThreads);
    }

    /** {@code #RRGGBB}, as the YAML writes it. */
    public static String colour(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb);
    }

    static Optional<String> channelsProblem(int channels) {
        return channels == 1 || channels == 3
                ? Optional.empty()
                : Optional.of(channels + " must be 1 (grey) or 3 (RGB)");
    }

    /** {@code "#RRGGBB"} or a name (black, white, grey) as 0xRRGGBB, or empty when it is neither. */
    static Optional<Integer> parseColour(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (COLOUR_NAMES.containsKey(lower)) {
            return Optional.of(COLOUR_NAMES.get(lower));
        }
        if (lower.matches("#[0-9a-f]{6}")) {
            return Optional.of(Integer.parseInt(lower.substring(1), 16));
        }
        return Optional.empty();
    }
}
