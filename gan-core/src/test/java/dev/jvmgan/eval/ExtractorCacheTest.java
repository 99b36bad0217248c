package dev.jvmgan.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A feature network is trained once per key; the key changes with the data, shape, task and settings. */
class ExtractorCacheTest {
    private static final DomainClassifier.Settings SETTINGS = new DomainClassifier.Settings(1, 0.2, 3);

    @Test
    void theKeyChangesWhenAnythingThatShapesTheNetworkChanges() {
        String key = ExtractorCache.key("data A", 1, 28, "labels", SETTINGS);
        assertThat(key).hasSize(64).isEqualTo(ExtractorCache.key("data A", 1, 28, "labels", SETTINGS));
        assertThat(ExtractorCache.key("data B", 1, 28, "labels", SETTINGS)).isNotEqualTo(key);
        assertThat(ExtractorCache.key("data A", 3, 28, "labels", SETTINGS)).isNotEqualTo(key);
        assertThat(ExtractorCache.key("data A", 1, 32, "labels", SETTINGS)).isNotEqualTo(key);
        assertThat(ExtractorCache.key("data A", 1, 28, "rotations", SETTINGS)).isNotEqualTo(key);
        assertThat(ExtractorCache.key("data A", 1, 28, "labels", new DomainClassifier.Settings(2, 0.2, 3)))
                .isNotEqualTo(key);
        assertThat(ExtractorCache.key("data A", 1, 28, "labels", new DomainClassifier.Settings(1, 0.2, 3, 1)))
                .isNotEqualTo(key);
    }

    @Test
    void trainsOnceThenReadsTheSameNetworkBack(@TempDir Path dir) throws Exception {
        int[] labels = new int[120];
        INDArray images = DomainClassifierTest.blobs(120, labels, 5);
        ExtractorCache cache = new ExtractorCache(dir);
        AtomicInteger trainings = new AtomicInteger();
        String key = ExtractorCache.key("blobs", 1, 16, "labels", SETTINGS);

        ExtractorCache.Cached first = cache.getOrTrain(key, () -> {
            trainings.incrementAndGet();
            return DomainClassifier.train(images, labels, 3, SETTINGS);
        });
        ExtractorCache.Cached second = cache.getOrTrain(key, () -> {
            trainings.incrementAndGet();
            return DomainClassifier.train(images, labels, 3, SETTINGS);
        });

        assertThat(trainings).hasValue(1);
        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.classifier().hash()).isEqualTo(first.classifier().hash());
        assertThat(second.classifier().heldOutAccuracy()).isEqualTo(first.classifier().heldOutAccuracy());
        assertThat(second.classifier().features(images)).isDeepEqualTo(first.classifier().features(images));
    }
}
