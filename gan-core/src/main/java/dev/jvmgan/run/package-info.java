/** One training run end to end: numbered run directories and the standard listeners (metrics.jsonl, sample grids, checkpoints, progress), plus sampling from checkpoints. */
package dev.jvmgan.run;
