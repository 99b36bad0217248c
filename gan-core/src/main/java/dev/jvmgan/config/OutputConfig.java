package dev.jvmgan.config;

import java.util.List;
import java.util.Objects;

/**
 * Where a run writes and how often, and which checkpoints it keeps. Intervals may exceed {@code train.iterations}:
 * the event then never fires (the final checkpoint is written regardless).
 *
 * @param runsRoot        runs land in {@code <runsRoot>/<NNNNN>-<name>/}
 * @param logEvery        iterations between metrics.jsonl records and progress-bar refreshes (&gt;= 1)
 * @param sampleEvery     iterations between 8x8 sample grids from the fixed latents (&gt;= 1)
 * @param checkpointEvery iterations between checkpoints (a final one is always written) (&gt;= 1)
 * @param keepCheckpoints how many of the newest {@code iter-*.zip} checkpoints stay on disk (&gt;= 1); older ones are
 *                        deleted only after a newer one is complete
 * @param bestMetric      {@code none}, or the training metric ({@link #METRICS}) whose mean over each checkpoint
 *                        interval picks the checkpoint kept as {@code best.zip}, or a quality score ({@code fd},
 *                        {@code kid}: {@link #QUALITY_METRICS}) of the scores during training ({@code eval.every}),
 *                        lower is better; a run then also writes a checkpoint at every score
 * @param bestMode        {@code min} or {@code max}: whether a lower or a higher {@code bestMetric} is better
 *                        ({@code min} for {@code fd} and {@code kid})
 */
public record OutputConfig(String runsRoot, int logEvery, int sampleEvery, int checkpointEvery, int keepCheckpoints,
                           String bestMetric, String bestMode) {

    static final Bound EVERY = Bound.atLeast(1);
    static final Bound KEEP = Bound.atLeast(1);
    public static final String NONE = "none";
    /** Metrics the loop reports every iteration, as metrics.jsonl names them. */
    public static final List<String> METRICS = List.of(NONE, "dLoss", "gLoss", "dReal", "dFake", "fd", "kid");
    /** Metrics of the quality scores during training, not of the loop: lower is better. */
    public static final List<String> QUALITY_METRICS = List.of("fd", "kid");
    public static final List<String> MODES = List.of("min", "max");

    static final Schema<OutputConfig> SCHEMA = Schema.of(OutputConfig.class,
            Key.text("runsRoot", "outputs"),
            Key.integer("logEvery", 50, EVERY),
            Key.integer("sampleEvery", 250, EVERY),
            Key.integer("checkpointEvery", 1000, EVERY),
            // The newest few, as PyTorch Lightning's save_last plus a short history.
            Key.integer("keepCheckpoints", 3, KEEP),
            Key.oneOf("bestMetric", NONE, METRICS),
            Key.oneOf("bestMode", "min", MODES))
            .rule(List.of("bestMetric", "bestMode"), (values, written) ->
                    qualityModeProblem((String) values.get("bestMetric"), (String) values.get("bestMode"))
                            .map(message -> new ConfigRule.Violation("bestMode", message)));

    public OutputConfig {
        Objects.requireNonNull(runsRoot, "runsRoot");
        Objects.requireNonNull(bestMetric, "bestMetric");
        Objects.requireNonNull(bestMode, "bestMode");
        if (runsRoot.isBlank()) {
            throw new IllegalArgumentException("runsRoot: must not be empty (e.g. outputs)");
        }
        EVERY.require("logEvery", logEvery);
        EVERY.require("sampleEvery", sampleEvery);
        EVERY.require("checkpointEvery", checkpointEvery);
        KEEP.require("keepCheckpoints", keepCheckpoints);
        if (!METRICS.contains(bestMetric)) {
            throw new IllegalArgumentException("bestMetric: '" + bestMetric + "' must be one of "
                    + String.join(", ", METRICS));
        }
        if (!MODES.contains(bestMode)) {
            throw new IllegalArgumentException("bestMode: '" + bestMode + "' must be min or max");
        }
        qualityModeProblem(bestMetric, bestMode).ifPresent(message -> {
            throw new IllegalArgumentException("bestMode: " + message);
        });
    }

    /** A distance between feature distributions is better when lower: {@code max} would keep the worst checkpoint. */
    static java.util.Optional<String> qualityModeProblem(String bestMetric, String bestMode) {
        if (QUALITY_METRICS.contains(bestMetric) && !bestMode.equals("min")) {
            return java.util.Optional.of("'" + bestMode + "' cannot go with bestMetric " + bestMetric + ", a distance"
                    + " (lower is better); write bestMode: min or leave it out");
        }
        return java.util.Optional.empty();
    }

    /** Keeps the newest {@link Defaults#KEEP_CHECKPOINTS} checkpoints and no best one: the defaults. */
    public OutputConfig(String runsRoot, int logEvery, int sampleEvery, int checkpointEvery) {
        this(runsRoot, logEvery, sampleEvery, checkpointEvery, SCHEMA.defaults().keepCheckpoints(),
                SCHEMA.defaults().bestMetric(), SCHEMA.defaults().bestMode());
    }

    /** Whether a {@code best.zip} is kept. */
    public boolean keepsBest() {
        return !NONE.equals(bestMetric);
    }

    /** Whether {@code best.zip} is chosen by a quality score ({@code fd}, {@code kid}) of {@code eval}. */
    public boolean bestByQuality() {
        return QUALITY_METRICS.contains(bestMetric);
    }
}
