package dev.jvmgan.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchSamplerTest {
    /** 10 images of 1x2x2; image i has every pixel = 20 * i + position, so a batch reveals which images it holds. */
    private static DecodedImages tenImages() {
        byte[] pixels = new byte[10 * 4];
        for (int i = 0; i < 10; i++) {
            for (int p = 0; p < 4; p++) {
                pixels[i * 4 + p] = (byte) (20 * i + p);
            }
        }
        return DecodedImages.of(pixels, 10, 1, 2, null, "test");
    }

    /** Image ids of the next batch, decoded from the first pixel. */
    private static List<Integer> nextIds(BatchSampler sampler) {
        INDArray batch = sampler.next();
        List<Integer> ids = new ArrayList<>();
        for (int b = 0; b < batch.size(0); b++) {
            int value = Math.round((batch.getFloat(b, 0, 0, 0) + 1f) * 127.5f);
            ids.add(value / 20);
        }
        return ids;
    }

    @Test
    void batchIsFloatNchwWithTheExactUint8Mapping() {
        byte[] pixels = {0, (byte) 255, (byte) 128, 1, 0, (byte) 255, (byte) 128, 1};
        BatchSampler sampler = new BatchSampler(DecodedImages.of(pixels, 2, 1, 2, null, "test"), 2, 1L);

        INDArray batch = sampler.next();

        assertThat(batch.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(batch.shape()).containsExactly(2, 1, 2, 2);
        assertThat(batch.getFloat(0, 0, 0, 0)).isEqualTo(-1f);
        assertThat(batch.getFloat(0, 0, 0, 1)).isEqualTo(1f);
        assertThat(batch.getFloat(0, 0, 1, 0)).isEqualTo(128 / 127.5f - 1f);
        assertThat(batch.getFloat(1, 0, 1, 1)).isEqualTo(1 / 127.5f - 1f);
        assertThat(batch.minNumber().floatValue()).isGreaterThanOrEqualTo(-1f);
        assertThat(batch.maxNumber().floatValue()).isLessThanOrEqualTo(1f);
    }

    @Test
    void rgbImagesKeepTheirPlanes() {
        byte[] pixels = {10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30};
        BatchSampler sampler = new BatchSampler(DecodedImages.of(pixels, 1, 3, 2, null, "test"), 1, 1L);

        INDArray batch = sampler.next();

        assertThat(batch.getFloat(0, 1, 1, 1)).isEqualTo(20 / 127.5f - 1f);
        assertThat(batch.getFloat(0, 2, 0, 0)).isEqualTo(30 / 127.5f - 1f);
    }

    @Test
    void sameSeedGivesTheSameSequence() {
        BatchSampler a = new BatchSampler(tenImages(), 3, 42L);
        BatchSampler b = new BatchSampler(tenImages(), 3, 42L);
        BatchSampler other = new BatchSampler(tenImages(), 3, 43L);

        List<List<Integer>> fromA = new ArrayList<>();
        List<List<Integer>> fromB = new ArrayList<>();
        List<List<Integer>> fromOther = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            fromA.add(nextIds(a));
            fromB.add(nextIds(b));
            fromOther.add(nextIds(other));
        }

        assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromOther);
    }

    @Test
    void epochsDropTheRemainderAndReshuffle() {
        BatchSampler sampler = new BatchSampler(tenImages(), 3, 7L);
        assertThat(sampler.batchesPerEpoch()).isEqualTo(3);

        List<Integer> epoch0 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            epoch0.addAll(nextIds(sampler));
        }
        assertThat(sampler.epoch()).isEqualTo(1);
        assertThat(sampler.position()).isZero();
        assertThat(sampler.imagesSeen()).isEqualTo(9);
        List<Integer> epoch1 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            epoch1.addAll(nextIds(sampler));
        }

        assertThat(new HashSet<>(epoch0)).hasSize(9); // no image twice within an epoch
        assertThat(new HashSet<>(epoch1)).hasSize(9);
        assertThat(epoch1).isNotEqualTo(epoch0);
        assertThat(sampler.imagesSeen()).isEqualTo(18);
    }

    @Test
    void restoreContinuesWithTheSameBatches() {
        BatchSampler original = new BatchSampler(tenImages(), 3, 99L);
        for (int i = 0; i < 4; i++) {
            original.next();
        }
        int epoch = original.epoch();
        int position = original.position();
        List<List<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(nextIds(original));
        }

        BatchSampler resumed = new BatchSampler(tenImages(), 3, 99L);
        resumed.restore(epoch, position);
        List<List<Integer>> actual = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            actual.add(nextIds(resumed));
        }

        assertThat(epoch).isEqualTo(1);
        assertThat(position).isEqualTo(3);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theReturnedArrayIsReusedAndOverwritten() {
        BatchSampler sampler = new BatchSampler(tenImages(), 5, 3L);

        INDArray first = sampler.next();
        INDArray kept = first.dup();
        INDArray second = sampler.next();

        assertThat(second).isSameAs(first);
        assertThat(second).isNotEqualTo(kept); // the two halves of one epoch hold different images
        Set<Integer> ids = new HashSet<>();
        for (int b = 0; b < 5; b++) {
            ids.add(Math.round((kept.getFloat(b, 0, 0, 0) + 1f) * 127.5f) / 20);
            ids.add(Math.round((second.getFloat(b, 0, 0, 0) + 1f) * 127.5f) / 20);
        }
        assertThat(ids).hasSize(10);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new BatchSampler(tenImages(), 11, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize = 11 must be between 1 and the dataset size 10 (test)");
        BatchSampler sampler = new BatchSampler(tenImages(), 3, 1L);
        assertThatThrownBy(() -> sampler.restore(0, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= position <= 6");
    }

    @Test
    void flipMirrorsRowsByACoinOfSeedEpochAndPositionAndRestoresWithIt() {
        // Image i has pixels 20 i + (0, 1 / 2, 3): mirrored, the first pixel is 20 i + 1.
        BatchSampler flipping = new BatchSampler(tenImages(), 3, 5L, true);
        BatchSampler plain = new BatchSampler(tenImages(), 3, 5L);
        int mirrored = 0;
        for (int n = 0; n < 30; n++) {
            INDArray a = flipping.next();
            INDArray b = plain.next();
            for (int i = 0; i < 3; i++) {
                boolean flipped = a.getFloat(i, 0, 0, 0) != b.getFloat(i, 0, 0, 0);
                if (flipped) {
                    mirrored++;
                    assertThat(a.getFloat(i, 0, 0, 0)).isEqualTo(b.getFloat(i, 0, 0, 1));
                    assertThat(a.getFloat(i, 0, 1, 1)).isEqualTo(b.getFloat(i, 0, 1, 0));
                }
            }
        }
        assertThat(mirrored).isBetween(30, 60);

        BatchSampler resumed = new BatchSampler(tenImages(), 3, 5L, true);
        resumed.restore(flipping.epoch(), flipping.position());
        assertThat(resumed.next()).isEqualTo(flipping.next());
    }

    @Test
    void batchLabelsFollowTheImages() {
        byte[] pixels = new byte[10 * 4];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            java.util.Arrays.fill(pixels, i * 4, i * 4 + 4, (byte) (20 * i));
            labels[i] = i % 3;
        }
        BatchSampler sampler = new BatchSampler(DecodedImages.of(pixels, 10, 1, 2, labels, "test"), 4, 2L);

        assertThat(sampler.classNames()).containsExactly("0", "1", "2");
        for (int n = 0; n < 5; n++) {
            List<Integer> ids = nextIds(sampler);
            for (int b = 0; b < 4; b++) {
                assertThat(sampler.batchLabels()[b]).isEqualTo(ids.get(b) % 3);
            }
        }
        assertThat(new BatchSampler(tenImages(), 2, 1L).batchLabels()).isNull();
    }
}
