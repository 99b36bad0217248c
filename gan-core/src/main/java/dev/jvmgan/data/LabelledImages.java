package dev.jvmgan.data;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Images of a source read all at once ({@link TrainingData#readAll}): the first images in the source's own order
 * (IDX: file order; folders: path order), centre-cropped and never mirrored, whatever {@code data.crop} and
 * {@code data.flip} say.
 *
 * @param images     float32 {@code [N, C, S, S]} in {@code [-1, 1]} ({@code x / 127.5 - 1}), as batches are
 * @param labels     one per image (-1: an image without a class), or empty when the source has no labels
 * @param classNames the name of each label value, index = label; empty without labels
 */
public record LabelledImages(INDArray images, int[] labels, List<String> classNames) {
    /** Number of images, {@code N}. */
    public int count() {
        return (int) images.size(0);
    }

    /** Whether the source has labels; then {@link #labels()} has one per image. */
    public boolean labelled() {
        return labels.length > 0;
    }

    static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + " must be >= 1 (Integer.MAX_VALUE for all images)");
        }
    }
}
