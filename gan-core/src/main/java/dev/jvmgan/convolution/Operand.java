package dev.jvmgan.convolution;

import dev.jvmgan.onednn.OneDnn;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

/**
 * One argument of a primitive: the caller's float32 array in its plain layout, and the memory the primitive reads or
 * writes (its layout and data type, bf16 for the bf16 convolutions), with the reorder between them. Where the two
 * descriptors are the same, the primitive uses the caller's array directly and nothing is copied.
 */
final class Operand {
    private final OneDnn.Address address = new OneDnn.Address(0);
    private final OneDnn.Address scratchAddress = new OneDnn.Address(0);
    private final int slot;
    private final dnnl_memory_desc_t computeDesc;
    private final long computeBytes;
    private final dnnl_memory user;
    private final dnnl_memory compute;
    private final dnnl_primitive reorder;
    private final dnnl_exec_arg_t reorderArgs;
    private final String name;

    /**
     * @param userDesc    the caller's layout: float32, plain
     * @param computeDesc the primitive's
     * @param input       whether the primitive reads it (the reorder runs before) or writes it (after)
     * @param slot        the {@link Scratch} slot its copy lives in during a pass
     */
    Operand(String name, dnnl_memory_desc_t userDesc, dnnl_memory_desc_t computeDesc, boolean input, int slot) {
        this.name = name;
        this.slot = slot;
        this.computeDesc = computeDesc;
        this.user = OneDnn.memory(userDesc, OneDnn.NONE);
        if (OneDnn.same(userDesc, computeDesc)) {
            compute = user;
            reorder = null;
            reorderArgs = null;
            computeBytes = 0;
        } else {
            compute = OneDnn.memory(computeDesc, OneDnn.NONE);
            computeBytes = org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size(computeDesc);
            reorder = input ? OneDnn.reorder(userDesc, computeDesc) : OneDnn.reorder(computeDesc, userDesc);
            reorderArgs = input ? OneDnn.args(DNNL_ARG_FROM, user, DNNL_ARG_TO, compute)
                    : OneDnn.args(DNNL_ARG_FROM, compute, DNNL_ARG_TO, user);
        }
    }

    /** The memory to give the primitive. */
    dnnl_memory memory() {
        return compute;
    }

    /**
     * Points the user memory at the array (kept alive by the caller for the call) and the primitive's copy at its
     * scratch slot.
     */
    Operand bind(INDArray array) {
        address.set(OneDnn.address(array));
        OneDnn.check(org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle(user, address), name + " buffer");
        if (reorder != null) {
            scratchAddress.set(Scratch.ofThread().address(slot, computeBytes));
            OneDnn.check(org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle(compute, scratchAddress),
                    name + " scratch");
        }
        return this;
    }

    /**
     * Whether this operand's copy, once {@code other} has been bound to the same array and transferred, is already in
     * place: both copy into the same slot, laid out alike.
     */
    boolean sameCopyAs(Operand other) {
        return reorder != null && other.reorder != null && slot == other.slot
                && OneDnn.same(computeDesc, other.computeDesc);
    }

    /** Copies the bound array into the primitive's memory (for an input), or back (for an output). */
    void transfer() {
        if (reorder != null) {
            OneDnn.execute(reorder, reorderArgs, "reorder", name);
        }
    }

    /** Frees the native memories and the reorder. */
    void close() {
        if (reorder != null) {
            org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy(reorder);
            org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy(compute);
        }
        org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy(user);
    }
}
