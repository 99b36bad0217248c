package dev.jvmgan.data;

/**
 * Where a batch source stands: the epoch and the position in that epoch's order of the next batch's first image.
 * An epoch is {@code size / batchSize} whole batches; the images left over at the end of its order are skipped.
 * Both batch sources keep their state in one of these, so they save and restore it alike.
 */
final class EpochCursor {
    private final int size;
    private final int batchSize;
    private final int usablePerEpoch;
    private int epoch;
    private int position;

    EpochCursor(int size, int batchSize) {
        this.size = size;
        this.batchSize = batchSize;
        this.usablePerEpoch = size / batchSize * batchSize;
    }

    int epoch() {
        return epoch;
    }

    int position() {
        return position;
    }

    /** Moves past one batch; true when that starts a new epoch. */
    boolean advance() {
        position += batchSize;
        if (position + batchSize > usablePerEpoch) {
            epoch++;
            position = 0;
            return true;
        }
        return false;
    }

    /** @throws IllegalArgumentException unless {@code epoch >= 0} and a whole batch fits from {@code position} */
    void restore(int epoch, int position) {
        if (epoch < 0 || position < 0 || position > usablePerEpoch - batchSize) {
            throw new IllegalArgumentException("cannot restore to epoch " + epoch + ", position " + position
                    + ": need epoch >= 0 and 0 <= position <= " + (usablePerEpoch - batchSize)
                    + " (size " + size + ", batchSize " + batchSize + ")");
        }
        this.epoch = epoch;
        this.position = position;
    }

    /** {@code epoch * batchesPerEpoch * batchSize + position}. */
    long imagesSeen() {
        return (long) epoch * usablePerEpoch + position;
    }

    int batchesPerEpoch() {
        return usablePerEpoch / batchSize;
    }
}
