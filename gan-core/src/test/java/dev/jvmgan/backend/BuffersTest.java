package dev.jvmgan.backend;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Buffers frees only memory an array owns, and a freed array cannot be read by mistake. */
class BuffersTest {

    @Test
    void aReleasedArrayIsFreedAndAnyLaterUseFailsLoudly() {
        INDArray owned = Nd4j.createFromArray(1f, 2f, 3f);
        Buffers.release(owned);
        assertThat(owned.wasClosed()).isTrue();
        // The guarantee the loop relies on: a read after the release throws rather than returning freed memory.
        assertThatThrownBy(owned::sumNumber).isInstanceOf(IllegalStateException.class);
        Buffers.release(owned); // a second release is a no-op, not an error
    }

    @Test
    void viewsAndTheirBaseAreLeftAloneWhenOnlyTheViewIsReleased() {
        INDArray base = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray row = base.getRow(1);
        Buffers.release(row);
        assertThat(row.wasClosed()).isFalse();
        assertThat(base.sumNumber().doubleValue()).isEqualTo(21.0);
    }

    @Test
    void workspaceArraysAreNotFreedOneByOne() {
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(1 << 16).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "buffers-test")) {
            INDArray attached = Nd4j.ones(DataType.FLOAT, 4);
            Buffers.release(attached);
            assertThat(attached.wasClosed()).isFalse();
            assertThat(attached.sumNumber().doubleValue()).isEqualTo(4.0);
        }
    }

    @Test
    void releaseIfNotKeepsTheSourceWhenAnOperationReturnedIt() {
        INDArray doubles = Nd4j.ones(DataType.DOUBLE, 3);
        INDArray same = doubles.castTo(DataType.DOUBLE);
        Buffers.releaseIfNot(doubles, same);
        assertThat(doubles.wasClosed()).as("castTo to its own type returned the caller's array").isFalse();

        INDArray floats = Nd4j.ones(DataType.FLOAT, 3);
        INDArray copy = floats.castTo(DataType.DOUBLE);
        Buffers.releaseIfNot(floats, copy);
        assertThat(copy.wasClosed()).isTrue();
        assertThat(floats.sumNumber().doubleValue()).isEqualTo(3.0);
    }

    @Test
    void aCollectionIsReleasedElementByElementSkippingNulls() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 2);
        INDArray b = Nd4j.ones(DataType.FLOAT, 2);
        Buffers.release(java.util.Arrays.asList(a, null, b));
        assertThat(List.of(a.wasClosed(), b.wasClosed())).containsOnly(true);
    }
}
