package dev.jvmgan.fastops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scratch arrays, per thread and per shape, for an element-wise intermediate that is consumed before the call that
 * asked for it returns (an activation's slope, say).
 *
 * <p>Why: allocating and freeing a detached array of a few MB costs ND4J about 12 ms (measured on the reference
 * DCGAN's 64x64x14x14 activation, one thread), thirty times the element-wise work it would hold. One array per shape:
 * a first version handed out reshaped views of one growing array, and its build measured 0.89x and 0.92x against the
 * one before (3 pairs each; the cause was not found, and the views were not copies), this one 0.99x. The
 * {@value #SHAPES} shapes used last are kept, outside every workspace, so they survive the arenas' resets: about
 * 30 MB for the 64x64 DCGAN. A caller must be done with an array before it asks again on the same thread.
 */
public final class ThreadScratch {
    /** A discriminator has a few activation shapes per batch size; the monitors and evaluation add one or two. */
    static final int SHAPES = 6;

    private static final ThreadLocal<Map<List<Object>, INDArray>> ARRAYS =
            ThreadLocal.withInitial(() -> new LinkedHashMap<>(16, 0.75f, true));

    private ThreadScratch() {
    }

    /** A C-order array of {@code like}'s shape and type with undefined contents, valid until the next call. */
    public static INDArray like(INDArray like) {
        DataType type = like.dataType();
        long[] shape = like.shape();
        List<Object> key = List.of(type, Arrays.toString(shape));
        Map<List<Object>, INDArray> arrays = ARRAYS.get();
        INDArray array = arrays.get(key);
        if (array == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                array = Nd4j.createUninitializedDetached(type, shape);
            }
            arrays.put(key, array);
            if (arrays.size() > SHAPES) {
                var eldest = arrays.entrySet().iterator();
                INDArray evicted = eldest.next().getValue();
                eldest.remove();
                evicted.close();
            }
        }
        return array;
    }
}
