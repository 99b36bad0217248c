package dev.jvmgan.spark;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.data.BatchSampler;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.DataException;
import dev.jvmgan.data.DecodedImages;
import dev.jvmgan.data.LabelledImages;
import dev.jvmgan.data.TrainingData;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partition p of N's slice of the training images: those at indices {@code [p n / N, (p + 1) n / N)} of the data's
 * own order (IDX: file order; a cached folder: path order), held in memory and batched as the whole data is. One
 * partition's shard is the data itself, untouched, so its batches are the local run's.
 *
 * <p>Shards are kept per executor (by config and partition), since every round's task of a partition needs the same
 * one. A streamed folder ({@code cache: none}) cannot be split yet: it is refused with the fix.
 */
final class Shard implements TrainingData {
    private static final Map<String, TrainingData> OPENED = new ConcurrentHashMap<>();

    private final DecodedImages images;
    private final boolean flip;
    /** The labels of the whole data, of which this shard is a slice; null without labels. */
    private final int[] wholeLabels;

    private Shard(DecodedImages images, boolean flip, int[] wholeLabels) {
        this.images = images;
        this.flip = flip;
        this.wholeLabels = wholeLabels;
    }

    /**
     * The labels of the whole data a shard was cut from (the shard's own, when it is the whole data): a conditional
     * run's {@code fakeClasses: data} draws with their shares in every partition, so the fakes' classes follow the
     * whole data's distribution, as the config asks, even where a shard holds some classes only (a folder's shards
     * are in path order, so class by class). Null when the data has no labels.
     */
    static int[] wholeLabels(TrainingData shard) {
        return shard instanceof Shard slice ? slice.wholeLabels : shard.labels();
    }

    /** Partition {@code index}'s slice of the data {@code config} describes, opened once per executor. */
    static TrainingData of(DataConfig config, int index, int count) {
        String key = config + "#" + index + "/" + count;
        return OPENED.computeIfAbsent(key, k -> open(config, index, count));
    }

    private static TrainingData open(DataConfig config, int index, int count) {
        TrainingData all;
        LabelledImages whole;
        try {
            all = TrainingData.open(config);
            if (count == 1) {
                return all;
            }
            if (all.streamed()) {
                throw new IllegalArgumentException("data.cache: none streams " + config.path() + " from disk, which "
                        + "cannot be split into " + count + " partitions yet; set data.cache: disk (decoded once, "
                        + "held in memory) or train.distributed.partitions: 1");
            }
            whole = all.readAll(Integer.MAX_VALUE);
        } catch (DataException e) {
            throw new IllegalStateException("partition " + index + ": " + e.getMessage(), e);
        }
        int n = whole.count();
        int from = (int) ((long) index * n / count);
        int to = (int) ((long) (index + 1) * n / count);
        int imageLength = (int) (whole.images().length() / n);
        // Back to the uint8 pixels the floats came from (x = p / 127.5 - 1 is exact to invert by rounding).
        float[] floats = whole.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to))
                .dup().data().asFloat();
        byte[] pixels = new byte[floats.length];
        for (int i = 0; i < floats.length; i++) {
            pixels[i] = (byte) Math.round((floats[i] + 1f) * 127.5f);
        }
        int[] labels = whole.labelled() ? Arrays.copyOfRange(whole.labels(), from, to) : null;
        return new Shard(DecodedImages.of(pixels, to - from, config.channels(), config.imageSize(), labels,
                whole.labelled() ? whole.classNames() : null, config.path() + " [" + from + ", " + to + ")"),
                config.flip(), whole.labelled() ? whole.labels() : null);
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public boolean streamed() {
        return false;
    }

    @Override
    public List<String> classNames() {
        return images.classNames();
    }

    @Override
    public int[] labels() {
        return images.labels();
    }

    @Override
    public BatchSource batches(int batchSize, long seed) {
        return new BatchSampler(images, batchSize, seed, flip);
    }

    @Override
    public LabelledImages readAll(int limit) {
        return images.toArray(limit);
    }
}
