package dev.jvmgan.data;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Endless shuffled minibatches of {@link DecodedImages} (IDX data, a folder from the disk cache) as float32 NCHW
 * {@code [batchSize, C, S, S]} in {@code [-1, 1]} ({@code x / 127.5 - 1}, matching a tanh generator).
 *
 * <p><b>Epochs.</b> Each epoch visits the images in a fresh random order. The order of epoch {@code e} depends only
 * on {@code (seed, e)}, so one seed always gives one sequence and {@link #restore(int, int)} can jump anywhere
 * without replaying earlier epochs. The remainder is dropped: an epoch is {@code size / batchSize} whole batches,
 * and the {@code size % batchSize} images left at the end of this epoch's order are skipped (they land elsewhere
 * next epoch), so every batch holds distinct images from one epoch.
 *
 * <p><b>Mirroring.</b> With {@code flip}, each image is mirrored left-right or not by a coin drawn from
 * {@code (seed, epoch, position)} (see {@link EpochOrder}), so a restored sampler mirrors the same images.
 *
 * <p><b>The returned array is reused.</b> {@link #next()} fills and returns the same preallocated array every time;
 * the values from the previous call are overwritten. {@code dup()} it to keep a batch. Not thread-safe.
 *
 * <pre>{@code
 * BatchSampler batches = new BatchSampler(data, 64, 42L);
 * INDArray realImages = batches.next();          // [64, 1, 28, 28], overwritten by the next call
 * int epoch = batches.epoch(), position = batches.position();
 * // ... later, in a fresh sampler with the same data, batch size and seed:
 * resumed.restore(epoch, position);              // continues with the very same batches
 * }</pre>
 */
public final class BatchSampler implements BatchSource {
    private static final float[] UINT8_TO_UNIT = BatchArrays.UINT8_TO_UNIT;

    private final DecodedImages data;
    private final int batchSize;
    private final long seed;
    private final boolean flip;
    private final int[] labels;
    private final int[] batchLabels;
    private final int imageLength;
    private final int[] order;
    private final float[] staging;
    private final INDArray batch;
    private final EpochCursor cursor;

    /**
     * @param batchSize images per batch, at most {@code data.size()}
     * @param seed      fixes the order of every epoch
     */
    public BatchSampler(DecodedImages data, int batchSize, long seed) {
        this(data, batchSize, seed, false);
    }

    /**
     * @param flip mirror each image left-right with probability 1/2, drawn per (seed, epoch, position)
     */
    public BatchSampler(DecodedImages data, int batchSize, long seed, boolean flip) {
        if (batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException("batchSize = " + batchSize + " must be between 1 and the dataset "
                    + "size " + data.size() + " (" + data.origin() + ")");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.flip = flip;
        this.labels = data.labels();
        this.batchLabels = labels == null ? null : new int[batchSize];
        this.imageLength = data.channels() * data.imageSize() * data.imageSize();
        this.cursor = new EpochCursor(data.size(), batchSize);
        this.order = new int[data.size()];
        this.staging = new float[batchSize * imageLength];
        this.batch = BatchArrays.allocate(batchSize, data.channels(), data.imageSize());
        shuffle();
    }

    /**
     * The next batch, {@code [batchSize, C, S, S]} float32 in [-1, 1]. Always the same array object: the previous
     * batch's values are overwritten.
     */
    @Override
    public INDArray next() {
        byte[] pixels = data.pixels();
        int side = data.imageSize();
        int epoch = cursor.epoch();
        int position = cursor.position();
        for (int b = 0; b < batchSize; b++) {
            int source = order[position + b] * imageLength;
            int target = b * imageLength;
            if (flip && EpochOrder.flipped(EpochOrder.slotBits(seed, epoch, position + b))) {
                for (int row = 0; row < imageLength; row += side) {
                    for (int x = 0; x < side; x++) {
                        staging[target + row + x] = UINT8_TO_UNIT[pixels[source + row + side - 1 - x] & 0xFF];
                    }
                }
            } else {
                for (int i = 0; i < imageLength; i++) {
                    staging[target + i] = UINT8_TO_UNIT[pixels[source + i] & 0xFF];
                }
            }
            if (labels != null) {
                batchLabels[b] = labels[order[position + b]];
            }
        }
        BatchArrays.fill(batch, staging);
        if (cursor.advance()) {
            shuffle();
        }
        return batch;
    }

    @Override
    public long imagesSeen() {
        return cursor.imagesSeen();
    }

    @Override
    public int epoch() {
        return cursor.epoch();
    }

    @Override
    public int position() {
        return cursor.position();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return cursor.batchesPerEpoch();
    }

    public long seed() {
        return seed;
    }

    /**
     * Continues from a state saved with {@link #epoch()} and {@link #position()}. The sampler must have been built
     * with the same dataset, batch size and seed for the continuation to match the original run.
     */
    @Override
    public void restore(int epoch, int position) {
        cursor.restore(epoch, position);
        shuffle();
    }

    /** The dataset's labels for the last batch (a reused array), or null when it has none. */
    @Override
    public int[] batchLabels() {
        return batchLabels;
    }

    @Override
    public List<String> classNames() {
        return data.classNames();
    }

    /** Nothing to stop: the sampler has no threads. */
    @Override
    public void close() {
    }

    private void shuffle() {
        EpochOrder.shuffle(order, seed, cursor.epoch());
    }
}
