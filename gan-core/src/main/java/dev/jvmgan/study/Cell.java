package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One cell of the study: a variant, the side whose activation it varies (the other keeps its default), the
 * activation, one learning rate for both Adams, a seed, and how long to train and how many images to score.
 *
 * <p>A D-side cell at D's default activation and a G-side cell at G's default train the same config; both are
 * named {@code <variant>-base-...} ({@link #runName()}), so the study trains that run once and reports it on
 * both sides.
 *
 * @param iterations generator updates
 * @param evalImages generated images scored at the end (seeds 0 to evalImages - 1)
 */
public record Cell(Variant variant, Side side, ActivationType activation, double lr, long seed, int iterations,
                   int evalImages) {

    /** Which network's activation a cell varies. */
    public enum Side { D, G }

    /** Checks per run: often enough to see a layer die, rarely enough to cost little. */
    static final int MONITOR_EVERY = 25;

    public Cell {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(activation, "activation");
        if (!(lr > 0 && lr < 1)) {
            throw new IllegalArgumentException("lr: " + lr + " must be in (0, 1)");
        }
        if (iterations < 1 || evalImages < 10) {
            throw new IllegalArgumentException("iterations (" + iterations + ") must be >= 1 and evalImages ("
                    + evalImages + ") >= 10");
        }
    }

    /** Whether this cell's varied side is at its default, which makes it the variant's base run. */
    public boolean base() {
        return activation == variant.defaultActivation(side);
    }

    /** The run's name, unique per distinct config: {@code mlp4-D-relu-lr5e-3-s1}, {@code mlp4-base-lr5e-3-s1}. */
    public String runName() {
        String what = base() ? "base" : side + "-" + name(activation);
        return variant.label() + "-" + what + "-lr" + lrText(lr) + "-s" + seed;
    }

    /**
     * The {@code --set} overrides that make this cell's config of its variant's base config: run name and
     * directory, schedule, learning rates, the varied activation, one score at the end, and a checkpoint and a
     * sample grid every quarter of the run, of which only the newest checkpoint is kept (360 runs of the full
     * study would otherwise keep three each).
     */
    public List<String> overrides(Path runsRoot) {
        List<String> all = new ArrayList<>(variant.overrides());
        String network = side == Side.D ? "discriminator" : "generator";
        int quarter = Math.max(1, iterations / 4);
        all.addAll(List.of(
                "name=" + runName(),
                "output.runsRoot=" + runsRoot.toAbsolutePath(),
                "train.iterations=" + iterations,
                "train.seed=" + seed,
                "train.g.lr=" + BigDecimal.valueOf(lr).toPlainString(),
                "train.d.lr=" + BigDecimal.valueOf(lr).toPlainString(),
                "model." + network + ".activation=" + name(activation),
                "monitors.every=" + MONITOR_EVERY,
                "monitors.chartEvery=" + iterations,
                "output.sampleEvery=" + quarter,
                "output.checkpointEvery=" + quarter,
                "output.keepCheckpoints=1",
                "eval.every=" + iterations,
                "eval.images=" + evalImages));
        return all;
    }

    /** The YAML name of an activation: {@code leakyrelu}. */
    public static String name(ActivationType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** A learning rate as the tables and run names write it: {@code 2e-4}, {@code 1.5e-3}. */
    public static String lrText(double lr) {
        BigDecimal value = new BigDecimal(Double.toString(lr)).stripTrailingZeros();
        int exponent = value.precision() - value.scale() - 1;
        BigDecimal mantissa = value.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }
}
