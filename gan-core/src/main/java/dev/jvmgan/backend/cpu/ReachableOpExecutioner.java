package dev.jvmgan.backend.cpu;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.IndexAccumulation;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

import java.lang.ref.Reference;
import java.util.function.Supplier;

/**
 * ND4J 1.0.0-M2.1's CPU executioner with every op kept reachable until its native call has returned.
 *
 * <p>Why: {@code NativeOpExecutioner.exec(BroadcastOp, OpContext)} hands the native library the op's dimension
 * array ({@code op.dimensions()}, made outside any workspace, so freed by ND4J's deallocator once its Java object is
 * unreachable) and does not use the op after the call. Compiled, the JVM may then treat the op as dead during the
 * call, and a garbage collection at that moment (started by any thread's allocation) lets the deallocator free the
 * dimensions while the native code reads them: a SIGSEGV in {@code sd::DataBuffer::primary()} or
 * {@code sd::TadDescriptor::TadDescriptor}. Every {@code addiRowVector} (the bias of each dense layer, forward and
 * backward) is such an op. Seen once in about 250 study runs; with another thread allocating it crashes a loop of
 * {@code addiRowVector} within seconds, and not with this class (README, "A native crash ND4J's broadcasts
 * caused"). {@link Reference#reachabilityFence} after each call is the JDK's remedy for exactly this.
 *
 * <p>Installed by {@code NativeBackend.initialise()} in place of ND4J's own instance; found by name, so that the
 * CUDA build, which lacks the CPU backend, compiles without it.
 */
public final class ReachableOpExecutioner extends NativeOpExecutioner {

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        return fenced(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        return fenced(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        return fenced(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        return fenced(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(Variance op) {
        return fenced(op, () -> super.exec(op));
    }

    @Override
    public INDArray exec(Op op, OpContext context) {
        return fenced(op, () -> super.exec(op, context));
    }

    /** The call's result, with {@code op} strongly reachable until the call has returned. */
    private static INDArray fenced(Op op, Supplier<INDArray> call) {
        try {
            return call.get();
        } finally {
            Reference.reachabilityFence(op);
        }
    }
}
