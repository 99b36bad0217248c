package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cells of one study, in the order they are trained: {@link #quick()} or {@link #full()}.
 *
 * <ul>
 *   <li>Full: each of the eight activations in D (G at ReLU) and, separately, in G (D at Leaky ReLU 0.2), at
 *       learning rates {@value #FULL_LRS_TEXT} for both Adams (2e-4 is DCGAN's; 2e-2 is past where the default
 *       DCGAN stops learning), for the DCGAN with and without batch norm and the deep MLP without it, two seeds
 *       each: 2 x 8 x 4 x 3 x 2 = 384 cells, 360 distinct runs (a side's default activation is the variant's base
 *       run, shared by both sides).</li>
 *   <li>Quick: the case the claims are about, the deep MLP without batch norm at a high learning rate (5e-3),
 *       every activation in D, two seeds: 16 cells, {@value #QUICK_ITERATIONS} iterations each, scored on
 *       {@value #QUICK_EVAL_IMAGES} images.</li>
 * </ul>
 *
 * @param name  {@code quick} or {@code full}, for people
 * @param cells every cell, variants outermost, seeds innermost
 */
public record StudyPlan(String name, List<Cell> cells) {
    static final String FULL_LRS_TEXT = "2e-4, 1e-3, 5e-3 and 2e-2";
    static final List<Double> FULL_LRS = List.of(2e-4, 1e-3, 5e-3, 2e-2);
    static final int FULL_ITERATIONS = 1500;
    static final int FULL_EVAL_IMAGES = 2000;
    static final double QUICK_LR = 5e-3;
    static final int QUICK_ITERATIONS = 400;
    static final int QUICK_EVAL_IMAGES = 1000;
    static final List<Long> SEEDS = List.of(1L, 2L);

    public StudyPlan {
        Objects.requireNonNull(name, "name");
        cells = List.copyOf(cells);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one cell");
        }
    }

    /** The deep MLP without batch norm at lr 5e-3, every activation in D, two seeds. */
    public static StudyPlan quick() {
        List<Cell> cells = new ArrayList<>();
        for (ActivationType activation : ActivationType.values()) {
            for (long seed : SEEDS) {
                cells.add(new Cell(Variant.MLP4, Cell.Side.D, activation, QUICK_LR, seed, QUICK_ITERATIONS,
                        QUICK_EVAL_IMAGES));
            }
        }
        return new StudyPlan("quick", cells);
    }

    /** Every variant, side, activation and learning rate, two seeds. */
    public static StudyPlan full() {
        List<Cell> cells = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            for (Cell.Side side : Cell.Side.values()) {
                for (double lr : FULL_LRS) {
                    for (ActivationType activation : ActivationType.values()) {
                        for (long seed : SEEDS) {
                            cells.add(new Cell(variant, side, activation, lr, seed, FULL_ITERATIONS,
                                    FULL_EVAL_IMAGES));
                        }
                    }
                }
            }
        }
        return new StudyPlan("full", cells);
    }

    /** One cell per distinct run, the first that names it, in plan order. */
    public List<Cell> runs() {
        Map<String, Cell> byRun = new LinkedHashMap<>();
        cells.forEach(cell -> byRun.putIfAbsent(cell.runName(), cell));
        return List.copyOf(byRun.values());
    }
}
