package dev.jvmgan.config;

import java.util.Objects;

/**
 * Where a run writes and how often. Intervals may exceed {@code train.iterations}: the event then never fires
 * (the final checkpoint is written regardless).
 *
 * @param runsRoot        runs land in {@code <runsRoot>/<NNNNN>-<name>/}
 * @param logEvery        iterations between metrics.jsonl records and progress-bar refreshes (&gt;= 1)
 * @param sampleEvery     iterations between 8x8 sample grids from the fixed latents (&gt;= 1)
 * @param checkpointEvery iterations between checkpoints (a final one is always written) (&gt;= 1)
 */
public record OutputConfig(String runsRoot, int logEvery, int sampleEvery, int checkpointEvery) {

    static final Bound EVERY = Bound.atLeast(1);

    public OutputConfig {
        Objects.requireNonNull(runsRoot, "runsRoot");
        if (runsRoot.isBlank()) {
            throw new IllegalArgumentException("runsRoot: must not be empty (e.g. outputs)");
        }
        EVERY.require("logEvery", logEvery);
        EVERY.require("sampleEvery", sampleEvery);
        EVERY.require("checkpointEvery", checkpointEvery);
    }
}
