package dev.jvmgan.data;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Endless, seeded minibatches of real images for the training loop, as float32 NCHW {@code [batchSize, C, S, S]}
 * in [-1, 1]. Implemented by {@link BatchSampler} (images in memory) and {@link FolderBatches} (image files decoded
 * by background threads).
 *
 * <p><b>Order and resume.</b> Every epoch visits the images in an order that depends only on (seed, epoch); an epoch
 * is {@code size / batchSize} whole batches. The state is {@link #epoch()} and {@link #position()}: a source built on
 * the same data with the same batch size and seed, then {@link #restore restored} to a saved state, returns bitwise
 * the same batches as the uninterrupted one from there on, random crops and mirroring included.
 *
 * <p><b>Threads.</b> Call from one thread. {@link #next()} may return the same array every time, overwriting the
 * previous batch; {@code dup()} it to keep one. {@link #close()} stops any background thread; it is idempotent.
 */
public interface BatchSource extends AutoCloseable {
    /** The next batch; may be the same array object as the previous call's. */
    INDArray next();

    /** The epoch the next batch comes from, counting from 0; equals the number of completed epochs. */
    int epoch();

    /** Index into this epoch's order of the first image of the next batch; 0 at the start of an epoch. */
    int position();

    /**
     * Continues from a state saved with {@link #epoch()} and {@link #position()}.
     *
     * @throws IllegalArgumentException unless {@code epoch >= 0} and a whole batch fits in the epoch from
     *                                  {@code position}
     */
    void restore(int epoch, int position);

    /** Images handed out so far: {@code epoch * batchesPerEpoch * batchSize + position}. */
    long imagesSeen();

    int batchSize();

    /** Whole batches per epoch, {@code size / batchSize}. */
    int batchesPerEpoch();

    /**
     * The class of each image of the batch last returned by {@link #next()}, in batch order, as an index into
     * {@link #classNames()}; -1 for an image without a class. Null when the data has no labels at all.
     */
    int[] batchLabels();

    /** The class names, index = label; empty when the data has no labels. */
    List<String> classNames();

    /** Stops background work; the source cannot be used afterwards. */
    @Override
    void close();
}
