package dev.jvmgan.config;

/**
 * Where a run writes and how often.
 *
 * @param runsRoot        runs land in {@code <runsRoot>/<NNNNN>-<name>/}
 * @param logEvery        iterations between metrics.jsonl records and progress-bar refreshes
 * @param sampleEvery     iterations between 8x8 sample grids from the fixed latents
 * @param checkpointEvery iterations between checkpoints (a final one is always written)
 */
public record OutputConfig(String runsRoot, int logEvery, int sampleEvery, int checkpointEvery) {
}
