/** Checkpoint files: both networks with optimiser state, counters and the resolved config, written atomically. */
package dev.jvmgan.checkpoint;
