/**
 * Training images: {@link dev.jvmgan.data.TrainingData} opens IDX files and image folders, and hands out seeded,
 * restorable {@link dev.jvmgan.data.BatchSource}s: {@link dev.jvmgan.data.BatchSampler} over images in memory, and
 * {@link dev.jvmgan.data.FolderBatches}, which decodes image files on background threads while training.
 */
package dev.jvmgan.data;
