/**
 * Training images: reading IDX files and image folders into an in-memory uint8 {@link dev.jvmgan.data.ImageDataset},
 * and drawing shuffled float batches from it with {@link dev.jvmgan.data.BatchSampler}.
 */
package dev.jvmgan.data;
