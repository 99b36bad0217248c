package dev.jvmgan.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * uint8 pixels to what the networks see: float32 NCHW in {@code [-1, 1]}, {@code x / 127.5 - 1}, matching a tanh
 * generator. Shared by every batch source and {@link TrainingData#readAll}, so all hand out the same values.
 */
final class BatchArrays {
    /** {@code UINT8_TO_UNIT[v] = v / 127.5 - 1}. */
    static final float[] UINT8_TO_UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UINT8_TO_UNIT[v] = v / 127.5f - 1f;
        }
    }

    private BatchArrays() {
    }

    /** A float32 {@code [count, C, S, S]} array that lives as long as its owner, not one workspace scope. */
    static INDArray allocate(int count, int channels, int imageSize) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            return Nd4j.create(DataType.FLOAT, new long[] {count, channels, imageSize, imageSize}, 'c');
        } finally {
            outside.close();
        }
    }

    /** One bulk copy into the native buffer; the array is fresh and 'c'-ordered, so it has no offset. */
    static void fill(INDArray batch, float[] staging) {
        batch.data().asNioFloat().put(staging, 0, staging.length);
    }
}
