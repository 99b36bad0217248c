/**
 * Training images as batches: {@link dev.jvmgan.data.TrainingData#open} picks one class per source (IDX files, a
 * streamed image folder, a folder decoded once into the disk cache), which checks its data when opened and hands out
 * seeded, restorable {@link dev.jvmgan.data.BatchSource}s, or all its images at once for scoring.
 */
package dev.jvmgan.data;
