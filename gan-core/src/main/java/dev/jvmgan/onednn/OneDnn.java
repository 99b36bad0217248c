package dev.jvmgan.onednn;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * oneDNN's C API through JavaCPP's preset (a library of its own, beside the copy inside libnd4j): one CPU engine and
 * stream for the process, and the few calls the convolutions and batch norm need, each checked.
 *
 * <p>{@link #bf16Unavailable()} says why bfloat16 convolutions cannot run here, if they cannot: the preset does not
 * load, or the CPU lacks AVX512-BF16 (oneDNN would then emulate bf16 far slower than float32).
 */
public final class OneDnn {
    /** {@code DNNL_MEMORY_NONE}: a memory whose buffer is given later. */
    public static final Pointer NONE = new Address(0L);

    private static final Object LOCK = new Object();
    private static dnnl_engine engine;
    private static dnnl_stream stream;
    private static String loadProblem;
    private static boolean loaded;

    private OneDnn() {
    }

    /** A raw address as a JavaCPP pointer. */
    public static final class Address extends Pointer {
        public Address(long address) {
            this.address = address;
        }

        public void set(long value) {
            this.address = value;
        }
    }

    /** Why the preset cannot run here (it did not load); empty if it can. */
    public static Optional<String> unavailable() {
        synchronized (LOCK) {
            load();
            return Optional.ofNullable(loadProblem);
        }
    }

    /** Why bf16 convolutions cannot run on this machine; empty if they can. */
    public static Optional<String> bf16Unavailable() {
        Optional<String> problem = unavailable();
        if (problem.isPresent()) {
            return problem;
        }
        int isa = dnnl_get_effective_cpu_isa();
        if ((isa & dnnl_cpu_isa_avx512_core_bf16) != dnnl_cpu_isa_avx512_core_bf16) {
            return Optional.of("this CPU has no AVX512-BF16 (oneDNN's effective ISA is 0x" + Integer.toHexString(isa)
                    + "), so oneDNN would emulate bfloat16 slower than float32");
        }
        return Optional.empty();
    }

    private static void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            dnnl_engine e = new dnnl_engine();
            check(dnnl_engine_create(e, dnnl_cpu, 0), "engine");
            dnnl_stream s = new dnnl_stream();
            check(dnnl_stream_create(s, e, dnnl_stream_default_flags), "stream");
            engine = e;
            stream = s;
        } catch (LinkageError | RuntimeException e) {
            loadProblem = "oneDNN's Java preset did not load (" + e + ")";
        }
    }

    public static dnnl_engine engine() {
        synchronized (LOCK) {
            load();
            if (loadProblem != null) {
                throw new IllegalStateException(loadProblem);
            }
            return engine;
        }
    }

    public static dnnl_stream stream() {
        engine();
        return stream;
    }

    public static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN: " + what + " failed with status " + status);
        }
    }

    /** A memory descriptor of these dims, data type and format tag ({@code dnnl_format_tag_any} for the primitive's). */
    public static dnnl_memory_desc_t desc(long[] dims, int dataType, int tag) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        try (LongPointer d = new LongPointer(dims)) {
            check(dnnl_memory_desc_init_by_tag(md, dims.length, d, dataType, tag), "memory descriptor");
        }
        return md;
    }

    /** A copy of a descriptor a primitive descriptor holds (which lives only as long as it). */
    public static dnnl_memory_desc_t query(dnnl_primitive_desc pd, int what, int index) {
        dnnl_memory_desc_t md = dnnl_primitive_desc_query_md(pd, what, index);
        if (md == null || md.isNull()) {
            throw new IllegalStateException("oneDNN: the primitive has no memory descriptor " + what + "/" + index);
        }
        dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
        Pointer.memcpy(copy, md, copy.sizeof());
        return copy;
    }

    public static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    public static dnnl_memory memory(dnnl_memory_desc_t md, Pointer handle) {
        dnnl_memory memory = new dnnl_memory();
        check(dnnl_memory_create(memory, md, engine(), handle), "memory");
        return memory;
    }

    public static dnnl_primitive_desc primitiveDesc(Pointer opDesc, dnnl_primitive_desc hint, String what) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new org.bytedeco.dnnl.const_dnnl_op_desc_t(opDesc), null, engine(),
                hint), what);
        return pd;
    }

    public static dnnl_primitive primitive(dnnl_primitive_desc pd, String what) {
        dnnl_primitive primitive = new dnnl_primitive();
        check(dnnl_primitive_create(primitive, pd), what);
        return primitive;
    }

    /** A reorder primitive from one memory's layout and type to another's. */
    public static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, from, engine(), to, engine(), null), "reorder descriptor");
        dnnl_primitive primitive = primitive(pd, "reorder");
        dnnl_primitive_desc_destroy(pd);
        return primitive;
    }

    /** Arguments of one execution: pairs of {@code DNNL_ARG_*} and memory, fixed once (only buffers change). */
    public static dnnl_exec_arg_t args(Object... pairs) {
        dnnl_exec_arg_t args = new dnnl_exec_arg_t(pairs.length / 2);
        for (int i = 0; i < pairs.length / 2; i++) {
            args.position(i).arg((Integer) pairs[2 * i]).memory((dnnl_memory) pairs[2 * i + 1]);
        }
        return args.position(0);
    }

    /** Where {@link #execute} reports each primitive's time while someone listens ({@code gan bench --profile}). */
    public interface Timing {
        /** One primitive of {@code kind} ran on the calling thread for {@code nanos}, waiting included. */
        void executed(String kind, long nanos);
    }

    private static volatile Timing timing;

    /** Reports every primitive's time to {@code listener} from now on; null stops it. */
    public static void timing(Timing listener) {
        timing = listener;
    }

    /**
     * Runs a primitive and waits for it.
     *
     * @param kind    what it computes ("forward", "batch norm backward", ...), for the profiler and errors
     * @param subject the layer geometry or shape it ran on, for errors only (its text is built on failure)
     */
    public static void execute(dnnl_primitive primitive, dnnl_exec_arg_t args, String kind, Object subject) {
        Timing listener = timing;
        long start = listener == null ? 0 : System.nanoTime();
        int status = dnnl_primitive_execute(primitive, stream(), (int) args.capacity(), args);
        if (status == dnnl_success) {
            status = dnnl_stream_wait(stream());
        }
        if (status != dnnl_success) {
            check(status, kind + (subject == null ? "" : " " + subject));
        }
        if (listener != null) {
            listener.executed(kind, System.nanoTime() - start);
        }
    }

    /**
     * Points {@code memory} at {@code array}'s data (contiguous, C order), through {@code scratch}, a reusable
     * pointer of the caller's; {@code what} names the buffer in an error.
     */
    public static void bind(dnnl_memory memory, Address scratch, INDArray array, String what) {
        scratch.set(address(array));
        check(dnnl_memory_set_data_handle(memory, scratch), what);
    }

    /** The address of a float array's first element; it must be contiguous in C order. */
    public static long address(INDArray array) {
        if (!Contiguous.is(array)) {
            throw new IllegalArgumentException("oneDNN needs a contiguous C-order array, got strides "
                    + java.util.Arrays.toString(array.stride()) + " for shape " + java.util.Arrays.toString(array.shape()));
        }
        // A view's buffer is a view too: its address pointer already points at the view's first element.
        if (array.offset() != array.data().offset()) {
            throw new IllegalArgumentException("an array at offset " + array.offset() + " of a buffer at offset "
                    + array.data().offset() + ": oneDNN needs the address of its first element");
        }
        return array.data().addressPointer().address();
    }
}
