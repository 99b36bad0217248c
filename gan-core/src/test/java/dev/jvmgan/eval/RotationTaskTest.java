package dev.jvmgan.eval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;

/** Rotations of a 2x2 image by hand, and four quarter turns make a full one. */
class RotationTaskTest {
    @Test
    void aTwoByTwoImageTurnedByHand() {
        // [[1, 2], [3, 4]] turned anticlockwise: [[2, 4], [1, 3]]; by 180: [[4, 3], [2, 1]]; by 270: [[3, 1], [4, 2]].
        RotationTask task = RotationTask.of(Nd4j.create(new float[]{1, 2, 3, 4}, new long[]{1, 1, 2, 2}, 'c'));
        assertThat(task.images().data().asFloat()).containsExactly(1, 2, 3, 4, 2, 4, 1, 3, 4, 3, 2, 1, 3, 1, 4, 2);
        assertThat(task.labels()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void fourQuarterTurnsAreTheImageAgain() {
        var image = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5);
        RotationTask once = RotationTask.of(image);
        var turned = once.images().get(NDArrayIndex.interval(2, 4),
                NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()).dup();
        var thrice = RotationTask.of(turned).images().get(NDArrayIndex.interval(6, 8),
                NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        assertThat(thrice).isEqualTo(image);
        assertThat(once.labels()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
    }

    @Test
    void theTaskReadABatchAtATimeIsTheTaskInMemory() {
        var images = Nd4j.rand(DataType.FLOAT, 3, 2, 4, 4);
        ImageSource turned = RotationTask.of(new ArrayImages(images));

        assertThat(turned.count()).isEqualTo(12);
        assertThat(turned.images(0, 12)).isEqualTo(RotationTask.of(images).images());
        assertThat(turned.images(new int[] {7, 1})).isEqualTo(RotationTask.of(images).images()
                .get(NDArrayIndex.indices(7, 1), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
        assertThat(RotationTask.labels(3)).containsExactly(RotationTask.of(images).labels());
    }
}
