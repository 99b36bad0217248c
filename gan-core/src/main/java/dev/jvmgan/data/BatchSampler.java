package dev.jvmgan.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Endless shuffled minibatches of an {@link ImageDataset} as float32 NCHW {@code [batchSize, C, S, S]} in
 * {@code [-1, 1]} ({@code x / 127.5 - 1}, matching a tanh generator).
 *
 * <p><b>Epochs.</b> Each epoch visits the images in a fresh random order. The order of epoch {@code e} depends only
 * on {@code (seed, e)}, so one seed always gives one sequence and {@link #restore(int, int)} can jump anywhere
 * without replaying earlier epochs. The remainder is dropped: an epoch is {@code size / batchSize} whole batches,
 * and the {@code size % batchSize} images left at the end of this epoch's order are skipped (they land elsewhere
 * next epoch), so every batch holds distinct images from one epoch.
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
public final class BatchSampler {
    private static final float[] UINT8_TO_UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UINT8_TO_UNIT[v] = v / 127.5f - 1f;
        }
    }

    private final ImageDataset data;
    private final int batchSize;
    private final long seed;
    private final int imageLength;
    private final int usablePerEpoch;
    private final int[] order;
    private final float[] staging;
    private final INDArray batch;
    private int epoch;
    private int position;

    /**
     * @param batchSize images per batch, at most {@code data.size()}
     * @param seed      fixes the order of every epoch
     */
    public BatchSampler(ImageDataset data, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException("batchSize = " + batchSize + " must be between 1 and the dataset "
                    + "size " + data.size() + " (" + data.origin() + ")");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.imageLength = data.channels() * data.imageSize() * data.imageSize();
        this.usablePerEpoch = data.size() / batchSize * batchSize;
        this.order = new int[data.size()];
        this.staging = new float[batchSize * imageLength];
        // Outside any workspace: the buffer lives as long as the sampler, not one iteration's scope.
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            this.batch = Nd4j.create(DataType.FLOAT, new long[] {batchSize, data.channels(), data.imageSize(),
                    data.imageSize()}, 'c');
        } finally {
            outside.close();
        }
        shuffle();
    }

    /**
     * The next batch, {@code [batchSize, C, S, S]} float32 in [-1, 1]. Always the same array object: the previous
     * batch's values are overwritten.
     */
    public INDArray next() {
        byte[] pixels = data.pixels();
        for (int b = 0; b < batchSize; b++) {
            int source = order[position + b] * imageLength;
            int target = b * imageLength;
            for (int i = 0; i < imageLength; i++) {
                staging[target + i] = UINT8_TO_UNIT[pixels[source + i] & 0xFF];
            }
        }
        // One bulk copy into the native buffer; the array is ours, fresh and 'c'-ordered, so it has no offset.
        batch.data().asNioFloat().put(staging, 0, staging.length);
        position += batchSize;
        if (position + batchSize > usablePerEpoch) {
            epoch++;
            position = 0;
            shuffle();
        }
        return batch;
    }

    /** Images handed out so far: {@code epoch * batchesPerEpoch * batchSize + position}. */
    public long imagesSeen() {
        return (long) epoch * usablePerEpoch + position;
    }

    /** The epoch the next batch comes from, counting from 0; equals the number of completed epochs. */
    public int epoch() {
        return epoch;
    }

    /** Index into this epoch's order of the first image of the next batch; 0 at the start of an epoch. */
    public int position() {
        return position;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Whole batches per epoch, {@code size / batchSize}. */
    public int batchesPerEpoch() {
        return usablePerEpoch / batchSize;
    }

    public long seed() {
        return seed;
    }

    /**
     * Continues from a state saved with {@link #epoch()} and {@link #position()}. The sampler must have been built
     * with the same dataset, batch size and seed for the continuation to match the original run.
     */
    public void restore(int epoch, int position) {
        if (epoch < 0 || position < 0 || position > usablePerEpoch - batchSize) {
            throw new IllegalArgumentException("cannot restore to epoch " + epoch + ", position " + position
                    + ": need epoch >= 0 and 0 <= position <= " + (usablePerEpoch - batchSize)
                    + " (size " + data.size() + ", batchSize " + batchSize + ")");
        }
        this.epoch = epoch;
        this.position = position;
        shuffle();
    }

    /** Fisher-Yates with {@link Random}, whose algorithm the JDK specifies, so orders match across JVMs. */
    private void shuffle() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(mix(seed, epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** SplitMix64 finaliser: neighbouring (seed, epoch) pairs get unrelated Random seeds. */
    private static long mix(long seed, int epoch) {
        long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
