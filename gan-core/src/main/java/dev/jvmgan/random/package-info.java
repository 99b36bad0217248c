/** Seeded random streams whose whole state is one number, for the per-sample draws (augmentations, interpolation weights, initial vectors) that a checkpoint must resume exactly. */
package dev.jvmgan.random;
