package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.data.decode.BadImageException;
import dev.jvmgan.data.decode.ImageDecoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Batches decoded from image files by background threads, a few batches ahead of the training loop: memory holds
 * the file list and the batches in flight, never the dataset.
 *
 * <p><b>Determinism.</b> The consumer thread decides everything: which file goes to which slot (the epoch's order,
 * {@link EpochOrder#shuffle}), each slot's crop offset and mirroring ({@link EpochOrder#slotBits} of
 * {@code (seed, epoch, position)}). The threads only decode into fixed slots, so the batches are the same bits
 * whatever order the threads finish in, and {@link #restore} reproduces them.
 *
 * <p><b>Files that fail while training.</b> The start-up check ({@link ImageFiles#check}) reads headers and end
 * markers; damage inside the data shows only when a file is decoded. Under {@code badFiles: fail} that ends the run,
 * naming the file. Under {@code skip} the file is named once in a WARN and every slot that draws it takes a stand-in:
 * the first readable file of a sequence that depends only on the slot ({@link EpochOrder#standIn}). Whether a file
 * is readable is a property of the file, so a resumed run picks the same stand-ins.
 *
 * <p><b>Threads.</b> Daemons, started by the first {@link #next()}; {@link #close()} drops the queued work and
 * waits for the images being decoded (one per thread) to finish, so no loader thread outlives it.
 *
 * <p><b>Memory.</b> At most {@code 32 MB} of batches (2 to 4) are decoded ahead; each thread holds one full-size
 * image while decoding it ({@link ImageDecoder} keeps those within a heap budget).
 */
public final class FolderBatches implements BatchSource {
    private static final Logger LOG = LoggerFactory.getLogger(FolderBatches.class);
    private static final long AHEAD_BYTES = 32L << 20;
    private static final int MAX_STAND_INS = 64;
    private static final long SLOW_WAIT_NANOS = 1_000_000;

    private final ImageFiles files;
    private final ImageDecoder decoder;
    private final int batchSize;
    private final long seed;
    private final boolean randomCrop;
    private final boolean flip;
    private final boolean failOnBadFile;
    private final int threads;
    private final int imageLength;
    private final int maxAhead;
    private final int[] labels;
    private final Set<Integer> unreadable = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Pending> ahead = new ArrayDeque<>();
    private final float[] staging;
    private final INDArray batch;
    private final int[] batchLabels;

    private ExecutorService pool;
    private volatile boolean closed;
    /** The next batch {@link #next()} returns. */
    private final EpochCursor consumed;
    /** The next batch to hand to the threads, a few batches ahead of {@link #consumed}. */
    private final EpochCursor scheduled;
    private int[] order;
    private int orderEpoch = -1;
    private long batchesServed;
    private long batchesWaited;
    private long waitNanos;
    private long firstBatchNanos;

    /** One batch being decoded: its slots are filled by the pool, in any order. */
    private static final class Pending {
        final byte[] pixels;
        final int[] labels;
        final CompletableFuture<?>[] images;
        volatile boolean cancelled;

        Pending(int batchSize, int imageLength) {
            pixels = new byte[batchSize * imageLength];
            labels = new int[batchSize];
            images = new CompletableFuture<?>[batchSize];
        }
    }

    FolderBatches(ImageFiles files, DataConfig config, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > files.size()) {
            throw new IllegalArgumentException("batchSize = " + batchSize + " must be between 1 and the number of "
                    + "usable images, " + files.size() + " (" + files.folder() + ")");
        }
        this.files = files;
        this.decoder = files.decoder();
        this.batchSize = batchSize;
        this.seed = seed;
        this.randomCrop = config.crop() == DataConfig.Crop.RANDOM;
        this.flip = config.flip();
        this.failOnBadFile = config.badFiles() == DataConfig.BadFiles.FAIL;
        this.threads = config.loaderThreads();
        this.imageLength = decoder.imageLength();
        this.consumed = new EpochCursor(files.size(), batchSize);
        this.scheduled = new EpochCursor(files.size(), batchSize);
        long batchBytes = (long) batchSize * imageLength;
        this.maxAhead = (int) Math.max(2, Math.min(4, AHEAD_BYTES / batchBytes));
        this.labels = files.labels();
        this.staging = new float[batchSize * imageLength];
        this.batch = BatchArrays.allocate(batchSize, config.channels(), config.imageSize());
        this.batchLabels = labels == null ? null : new int[batchSize];
    }

    @Override
    public INDArray next() {
        if (closed) {
            throw new IllegalStateException("this batch source is closed");
        }
        if (pool == null) {
            pool = LoaderThreads.pool("image-loader", threads);
        }
        scheduleAhead();
        Pending head = ahead.poll();
        long waitStart = System.nanoTime();
        try {
            CompletableFuture.allOf(head.images).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        long waited = System.nanoTime() - waitStart;
        if (batchesServed++ == 0) {
            firstBatchNanos = waited;   // nothing was decoded ahead of the first batch: start-up, not a stall
        } else {
            waitNanos += waited;
            batchesWaited += waited > SLOW_WAIT_NANOS ? 1 : 0;
        }
        for (int i = 0; i < staging.length; i++) {
            staging[i] = BatchArrays.UINT8_TO_UNIT[head.pixels[i] & 0xFF];
        }
        BatchArrays.fill(batch, staging);
        if (batchLabels != null) {
            System.arraycopy(head.labels, 0, batchLabels, 0, batchSize);
        }
        consumed.advance();
        scheduleAhead();
        return batch;
    }

    private void scheduleAhead() {
        while (ahead.size() < maxAhead) {
            ahead.add(schedule(scheduled.epoch(), scheduled.position()));
            scheduled.advance();
        }
    }

    private Pending schedule(int batchEpoch, int batchPosition) {
        if (orderEpoch != batchEpoch) {
            order = order == null ? new int[files.size()] : order;
            EpochOrder.shuffle(order, seed, batchEpoch);
            orderEpoch = batchEpoch;
        }
        Pending pending = new Pending(batchSize, imageLength);
        for (int b = 0; b < batchSize; b++) {
            int slot = batchPosition + b;
            int file = order[slot];
            long bits = EpochOrder.slotBits(seed, batchEpoch, slot);
            int index = b;
            pending.images[b] = CompletableFuture.runAsync(() -> decodeSlot(pending, index, file, bits), pool);
        }
        return pending;
    }

    /** Runs on a loader thread. */
    private void decodeSlot(Pending pending, int index, int file, long bits) {
        if (pending.cancelled || closed) {
            return;
        }
        double crop = randomCrop ? EpochOrder.cropFraction(bits) : ImageDecoder.CENTER;
        boolean mirror = flip && EpochOrder.flipped(bits);
        int chosen = file;
        for (int attempt = 1; ; attempt++) {
            if (!unreadable.contains(chosen)) {
                try {
                    decoder.decode(files.files().get(chosen), crop, mirror, pending.pixels, index * imageLength);
                    pending.labels[index] = labels == null ? -1 : labels[chosen];
                    return;
                } catch (BadImageException e) {
                    if (pending.cancelled || closed) {
                        return;   // a decode cut short by close() says nothing about the file
                    }
                    if (failOnBadFile) {
                        throw unchecked(new DataException(e.file() + ": " + e.getMessage()
                                + " (found while training; data.badFiles: fail)", e));
                    }
                    if (unreadable.add(chosen)) {
                        LOG.warn("Skipping {}: {} (found while training; the batches that draw it take another "
                                + "image in its place)", e.file(), e.getMessage());
                    }
                }
            }
            if (attempt > MAX_STAND_INS) {
                throw unchecked(new DataException(files.folder() + ": " + MAX_STAND_INS + " files in a row could not "
                        + "be decoded while training; see the warnings above"));
            }
            chosen = EpochOrder.standIn(bits, attempt, files.size());
        }
    }

    /** For the loop, which takes a {@code Supplier}: the message stays the user's, without a class name. */
    private static UncheckedIOException unchecked(DataException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }

    @Override
    public int epoch() {
        return consumed.epoch();
    }

    @Override
    public int position() {
        return consumed.position();
    }

    @Override
    public void restore(int epoch, int position) {
        consumed.restore(epoch, position);
        scheduled.restore(epoch, position);
        cancelAhead();
    }

    @Override
    public long imagesSeen() {
        return consumed.imagesSeen();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return consumed.batchesPerEpoch();
    }

    @Override
    public int[] batchLabels() {
        return batchLabels;
    }

    @Override
    public List<String> classNames() {
        return files.classNames();
    }

    /**
     * Batches after the first for which {@link #next()} had to wait more than a millisecond for the loader threads
     * (the first batch always waits: decoding starts with it).
     */
    public long batchesWaited() {
        return batchesWaited;
    }

    /** Total time {@link #next()} spent waiting for the loader threads after the first batch, in seconds. */
    public double waitSeconds() {
        return waitNanos / 1e9;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelAhead();
        if (pool != null) {
            // No interrupt: the file streams are interruptible channels, and an interrupted decode would look like
            // a damaged file. Queued work is dropped by the cancelled flag; each thread finishes at most one image.
            pool.shutdown();
            try {
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("image loader threads still decoding 30 s after close; leaving them (they are daemons)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (batchesServed > 0) {
            LOG.info("image loader: the first batch took {} s to decode; after it, the loop waited for images on {} "
                    + "of {} batches, {} s in total", String.format("%.2f", firstBatchNanos / 1e9), batchesWaited,
                    batchesServed - 1, String.format("%.2f", waitSeconds()));
        }
    }

    private void cancelAhead() {
        ahead.forEach(pending -> pending.cancelled = true);
        ahead.clear();
    }
}
