package dev.jvmgan.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sample grids of a run ({@code samples/iter-NNNNNNN.png}) as embedded PNGs, small enough for one page:
 * <ul>
 *   <li>each grid at exact pixels: training enlarges grids by an integer factor (nearest neighbour) for viewing, so
 *       taking every factor-th pixel gives back the generator's pixels losslessly (a 28x28 grid: 242 px, not 690),
 *       and the page enlarges them again with {@code image-rendering: pixelated};</li>
 *   <li>at most {@value #MAX_STEPS} grids, and about {@value #BUDGET_BYTES} bytes of PNG, evenly spaced over the run,
 *       always with the first and the last.</li>
 * </ul>
 */
final class SampleGrids {
    static final String DIRECTORY = "samples";
    static final int MAX_STEPS = 40;
    static final long BUDGET_BYTES = 3_000_000;
    private static final Pattern NAME = Pattern.compile("iter-(\\d+)\\.png");

    /** One embedded grid; {@code scale} is the factor training had enlarged it by (1 when unknown). */
    record Grid(long iteration, String dataUri, int width, int height, int scale, long pngBytes) {
    }

    /** The grids chosen for the page, oldest first, and how many the run has. */
    record Selection(List<Grid> grids, int available) {
        long bytes() {
            return grids.stream().mapToLong(Grid::pngBytes).sum();
        }
    }

    private SampleGrids() {
    }

    /** The grids of an unconditional run: 8 rows of 8. */
    static Selection read(Path runDirectory, OptionalInt imageSize) throws IOException {
        return read(runDirectory, imageSize, 8);
    }

    /**
     * @param imageSize the run's {@code data.imageSize}, to undo the viewing enlargement; empty to embed as they are
     * @param rows      the grids' rows of tiles: 8, or a class-conditional generator's one row per class
     */
    static Selection read(Path runDirectory, OptionalInt imageSize, int rows) throws IOException {
        TreeMap<Long, Path> files = list(runDirectory.resolve(DIRECTORY));
        List<Long> iterations = new ArrayList<>(files.keySet());
        if (iterations.isEmpty()) {
            return new Selection(List.of(), 0);
        }
        Grid last = grid(iterations.get(iterations.size() - 1), files.lastEntry().getValue(), imageSize, rows);
        int count = (int) Math.min(Math.min(MAX_STEPS, iterations.size()),
                Math.max(1, BUDGET_BYTES / Math.max(1, last.pngBytes())));
        List<Grid> grids = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int index = count == 1 ? iterations.size() - 1
                    : (int) Math.round((double) k * (iterations.size() - 1) / (count - 1));
            long iteration = iterations.get(index);
            grids.add(index == iterations.size() - 1 ? last : grid(iteration, files.get(iteration), imageSize, rows));
        }
        return new Selection(grids, iterations.size());
    }

    /** The run's newest grid alone; {@code rows} as in {@link #read(Path, OptionalInt, int)}. */
    static java.util.Optional<Grid> last(Path runDirectory, OptionalInt imageSize, int rows) throws IOException {
        TreeMap<Long, Path> files = list(runDirectory.resolve(DIRECTORY));
        return files.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(grid(files.lastKey(), files.lastEntry().getValue(), imageSize, rows));
    }

    private static TreeMap<Long, Path> list(Path directory) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            entries.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    files.put(Long.parseLong(m.group(1)), p);
                }
            });
        }
        return files;
    }

    private static Grid grid(long iteration, Path file, OptionalInt imageSize, int rows) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + " is not a readable PNG");
        }
        int scale = imageSize.isPresent() ? enlargement(image, imageSize.getAsInt(), rows) : 1;
        BufferedImage exact = scale == 1 ? image : everyNth(image, scale);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(exact, "png", png);
        return new Grid(iteration, "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()),
                exact.getWidth(), exact.getHeight(), scale, png.size());
    }

    /**
     * The factor a grid of {@code rows} rows of 8 tiles of {@code size} px, with 2 px gaps, was enlarged by, or 1 if
     * it is not one.
     */
    static int enlargement(BufferedImage image, int size, int rows) {
        int exactWidth = 8 * size + 9 * 2;
        int w = image.getWidth();
        if (w % exactWidth != 0 || (long) image.getHeight() * exactWidth != (long) w * exactHeight(size, rows)) {
            return 1;
        }
        return Math.max(1, w / exactWidth);
    }

    /** The exact height of a grid of {@code rows} rows of {@code size} px tiles with 2 px gaps. */
    static int exactHeight(int size, int rows) {
        return rows * size + (rows + 1) * 2;
    }

    private static BufferedImage everyNth(BufferedImage image, int n) {
        int w = image.getWidth() / n, h = image.getHeight() / n;
        WritableRaster raster = image.getColorModel().createCompatibleWritableRaster(w, h);
        int[] pixel = new int[image.getRaster().getNumBands()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, image.getRaster().getPixel(x * n, y * n, pixel));
            }
        }
        return new BufferedImage(image.getColorModel(), raster, image.isAlphaPremultiplied(), null);
    }
}
