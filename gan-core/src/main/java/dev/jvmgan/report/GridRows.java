package dev.jvmgan.report;

import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.ClassesFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rows of a run's sample grids: 8 rows of 8 tiles, or, when G is class-conditional, one row per class (the
 * first 8 fixed latents made as that class), named after the class on the page. The names come from the run's
 * {@link ClassesFile}; a conditional run without one (made before it existed) shows its grids unnamed.
 *
 * @param names the classes, one per row, as people name them; empty when the rows are not classes
 */
record GridRows(List<String> names) {
    /** Rows of an unconditional generator's grid. */
    static final int PLAIN = 8;

    GridRows {
        names = List.copyOf(names);
    }

    static GridRows of(Path runDirectory, Optional<RunConfig> config) {
        if (config.isEmpty() || !config.get().model().generatorConditional()) {
            return new GridRows(List.of());
        }
        return new GridRows(ClassesFile.read(runDirectory).filter(ClassesFile::generator).map(ClassesFile::shown)
                .orElse(List.of()));
    }

    /** Rows of tiles in each grid. */
    int count() {
        return names.isEmpty() ? PLAIN : names.size();
    }

    /** Whether the rows are classes with names. */
    boolean named() {
        return !names.isEmpty();
    }

    /**
     * {@code images} (one grid, or the stepper's stack of them) with the class names beside its rows, each name as
     * tall as its row however the browser scales the image: the list stretches to the image's height and each entry
     * takes its row's share of it (a tile and the 2 px gap under it; the first 2 px gap on top). Unchanged when the
     * rows are not classes or {@code grid} is not K rows of tiles at exact pixels.
     */
    String label(String images, SampleGrids.Grid grid, OptionalInt imageSize) {
        if (!named() || imageSize.isEmpty()
                || grid.height() != SampleGrids.exactHeight(imageSize.getAsInt(), names.size())) {
            return images;
        }
        int row = imageSize.getAsInt() + 2;
        StringBuilder out = new StringBuilder("<div class=\"labelled\"><ol class=\"row-labels\" data-rows=\"")
                .append(names.size()).append("\" aria-label=\"classes, one per row\"><li style=\"flex: 2 0 0\" "
                        + "aria-hidden=\"true\"></li>");
        for (String name : names) {
            out.append("<li style=\"flex: ").append(row).append(" 0 0\">").append(Html.esc(name)).append("</li>");
        }
        return out.append("</ol><div>").append(images).append("</div></div>").toString();
    }
}
