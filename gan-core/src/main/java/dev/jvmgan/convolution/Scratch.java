package dev.jvmgan.convolution;

import org.bytedeco.javacpp.Pointer;

/**
 * The few buffers every convolution's reordered (and bf16) copies live in while one pass runs, shared by all layers
 * and geometries of the thread: a pass reorders its inputs into them, runs and reorders its outputs out, so nothing
 * in them outlives the pass and memory is bounded by the largest pass, not by the sum over layers. Each slot grows to
 * the largest size asked of it and stays (64-byte aligned, as oneDNN prefers).
 */
final class Scratch {
    static final int SLOTS = 4;
    private static final int ALIGN = 64;
    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final Pointer[] blocks = new Pointer[SLOTS];
    private final long[] sizes = new long[SLOTS];

    static Scratch ofThread() {
        return OF_THREAD.get();
    }

    /** The aligned address of slot {@code slot}, at least {@code bytes} long. */
    long address(int slot, long bytes) {
        if (sizes[slot] < bytes) {
            if (blocks[slot] != null) {
                Pointer.free(blocks[slot]);
            }
            Pointer block = Pointer.malloc(bytes + ALIGN);
            if (block == null || block.isNull()) {
                throw new OutOfMemoryError("cannot allocate " + bytes + " bytes for convolution buffers");
            }
            blocks[slot] = block;
            sizes[slot] = bytes;
        }
        long base = blocks[slot].address();
        return (base + ALIGN - 1) & -ALIGN;
    }
}
