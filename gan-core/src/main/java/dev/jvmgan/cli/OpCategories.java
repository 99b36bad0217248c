package dev.jvmgan.cli;

import dev.jvmgan.onednn.OneDnn;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.data.StringAggregator;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code gan bench --profile}'s op table: ND4J's op time in the categories the PyTorch peer
 * ({@code bench/torch_dcgan.py --profile}) prints, so that {@code scripts/bench-profile.sh} can set them side by side.
 *
 * <p>An op's category comes from the Java call path that issued it, read innermost first: the first DL4J layer,
 * oneDNN helper, activation function, updater or loss on the stack decides, and a layer's {@code backpropGradient}
 * makes conv and deconv ops "backward"; the toolkit's {@code applyUpdate} belongs to the optimiser. Copies
 * ({@code assign}, {@code cast}, {@code concat}) are "copies" wherever they run, as the peer counts
 * {@code aten::copy_} wherever it runs. What no rule claims (latents, the sums of the two-pass D step's gradients)
 * is "other ops". The primitives the toolkit runs through oneDNN's own preset (bf16 convolutions and their reorders,
 * batch norm) are timed by {@link OneDnn#timing} and classified the same way, as {@code onednn <kind>} ops.
 * "framework" is the timed wall time that no op accounts for: DL4J's and the toolkit's Java code,
 * the loss (computed in Java), garbage collection and the profiler's own cost.
 *
 * <pre>{@code
 * OpCategories.Recorder recorder = OpCategories.record(Thread.currentThread());   // with ND4J's op timing on
 * ... timed iterations ...
 * recorder.stop();
 * recorder.print(System.out, wallNanos, iterations);
 * }</pre>
 */
final class OpCategories {
    /** The categories, in table order; {@code token} is the {@code category=} value of a {@code PROFILE} line. */
    enum Category {
        CONV_FORWARD("conv_forward"), CONV_BACKWARD("conv_backward"), DECONV_FORWARD("deconv_forward"),
        DECONV_BACKWARD("deconv_backward"), BATCH_NORM("batch_norm"), ACTIVATIONS("activations"), DENSE("dense"),
        LOSS("loss"), OPTIMISER("optimiser"), COPIES("copies"), OTHER_OPS("other_ops"), FRAMEWORK("framework");

        final String token;

        Category(String token) {
            this.token = token;
        }
    }

    /** ND4J op names that only move or convert memory. */
    static final Set<String> COPY_OPS = Set.of("assign", "old_assign", "cast", "concat", "stack", "tile");

    /** One stack frame, as {@link StackWalker} or a test gives it. */
    record Frame(String className, String methodName) {
    }

    private static final String LAYERS = "org.deeplearning4j.nn.layers.";

    private OpCategories() {
    }

    /**
     * @param frames the issuing thread's stack, innermost first; read only as far as the first frame a rule claims
     */
    static Category classify(String opName, Stream<Frame> frames) {
        if (COPY_OPS.contains(opName)) {
            return Category.COPIES;
        }
        Iterator<Frame> it = frames.iterator();
        while (it.hasNext()) {
            Category category = ofFrame(it.next());
            if (category != null) {
                return category;
            }
        }
        return Category.OTHER_OPS;
    }

    /** The category a frame claims, or null. Declaring classes: an inherited method shows its superclass. */
    static Category ofFrame(Frame frame) {
        String c = frame.className();
        boolean backward = frame.methodName().startsWith("backprop");
        if (c.equals(LAYERS + "convolution.Deconvolution2DLayer")) {
            return backward ? Category.DECONV_BACKWARD : Category.DECONV_FORWARD;
        }
        if (c.equals("dev.jvmgan.fastops.ConvolutionBackward") && frame.methodName().equals("deconvolution")) {
            return Category.DECONV_BACKWARD; // the transposed convolution's backward op, issued outside DL4J's layer
        }
        if (c.equals("dev.jvmgan.fastops.InputGradientConvolution")) {
            return Category.CONV_BACKWARD; // a convolution's input gradient alone, as a deconv2d op
        }
        if (c.equals("dev.jvmgan.convolution.OneDnnConvolutionHelper")
                && frame.methodName().startsWith("transposed")) {
            // transposed convolutions on the project's primitives, which the seam's passes call outside DL4J's layer
            return frame.methodName().equals("transposedBackward") ? Category.DECONV_BACKWARD
                    : Category.DECONV_FORWARD;
        }
        if (c.equals(LAYERS + "convolution.ConvolutionLayer") || c.equals(LAYERS + "mkldnn.MKLDNNConvHelper")) {
            return backward ? Category.CONV_BACKWARD : Category.CONV_FORWARD;
        }
        if (c.equals(LAYERS + "normalization.BatchNormalization")
                || c.equals(LAYERS + "mkldnn.MKLDNNBatchNormHelper")) {
            return Category.BATCH_NORM;
        }
        if (c.equals(LAYERS + "ActivationLayer") || c.startsWith("org.nd4j.linalg.activations.")
                || c.equals("dev.jvmgan.fastops.FastActivation")
                || c.startsWith("dev.jvmgan.model.") && (c.endsWith("Activation") || c.endsWith("ReluLayer"))) {
            return Category.ACTIVATIONS;
        }
        if (c.equals(LAYERS + "BaseLayer") || c.equals(LAYERS + "feedforward.dense.DenseLayer")
                || c.equals("dev.jvmgan.fastops.DenseBackward")
                || c.equals(LAYERS + "BaseOutputLayer")) {
            return Category.DENSE;
        }
        // applyUpdate: the toolkit's seam that subtracts the updater's step from the parameters (PyTorch's
        // Adam.step does that subtraction itself).
        if (c.startsWith("org.nd4j.linalg.learning.") || c.startsWith("org.deeplearning4j.nn.updater.")
                || c.startsWith("dev.jvmgan.") && frame.methodName().equals("applyUpdate")) {
            return Category.OPTIMISER;
        }
        if (c.equals("dev.jvmgan.train.BceWithLogits") || c.contains(".loss.")) {
            return Category.LOSS;
        }
        return null;
    }

    /**
     * Starts recording the ops that {@code thread} runs: ND4J's (its op timing must be on: checkElapsedTime) and the
     * toolkit's own oneDNN primitives.
     */
    static Recorder record(Thread thread) {
        Recorder recorder = new Recorder(thread, OpProfiler.getInstance().getClassAggergator());
        OpProfiler.getInstance().setClassAggergator(recorder);
        OneDnn.timing(recorder);
        return recorder;
    }

    /**
     * Takes the place of ND4J's per-op-class aggregator, which {@code OpProfiler.timeOpCall} feeds every op with
     * its time in nanoseconds, on the thread that ran it.
     */
    static final class Recorder extends StringAggregator implements OneDnn.Timing {
        private static final StackWalker WALKER = StackWalker.getInstance();
        private final Thread thread;
        private final StringAggregator replaced;
        private final Map<Category, Map<String, long[]>> nanos = new EnumMap<>(Category.class);
        private volatile boolean recording = true;

        private Recorder(Thread thread, StringAggregator replaced) {
            this.thread = thread;
            this.replaced = replaced;
        }

        @Override
        public void putTime(String key, Op op, long timeSpent) {
            add(op.opName(), timeSpent);
        }

        @Override
        public void putTime(String key, CustomOp op, long timeSpent) {
            add(op.opName(), timeSpent);
        }

        /** A primitive the toolkit ran through oneDNN's preset (bf16 convolutions, batch norm), which ND4J never sees. */
        @Override
        public void executed(String kind, long nanos) {
            add("onednn " + kind, nanos);
        }

        private void add(String opName, long timeSpent) {
            if (!recording || Thread.currentThread() != thread) {
                return;
            }
            Category category = WALKER.walk(frames -> classify(opName,
                    frames.map(f -> new Frame(f.getClassName(), f.getMethodName()))));
            nanos.computeIfAbsent(category, k -> new TreeMap<>()).computeIfAbsent(opName, k -> new long[1])[0]
                    += timeSpent;
        }

        /** Stops recording and gives ND4J its own aggregator back. */
        void stop() {
            recording = false;
            OneDnn.timing(null);
            OpProfiler profiler = OpProfiler.getInstance();
            if (profiler.getClassAggergator() == this) {
                profiler.setClassAggergator(replaced);
            }
        }

        long nanos(Category category) {
            return nanos.getOrDefault(category, Map.of()).values().stream().mapToLong(t -> t[0]).sum();
        }

        /**
         * One {@code PROFILE category=C ms=M share=S} line per category (M: milliseconds per timed iteration; S: share
         * of the timed wall time), then the ops in each category, largest first.
         */
        void print(PrintStream out, long wallNanos, int iterations) {
            long opNanos = 0;
            for (Category category : Category.values()) {
                long t = category == Category.FRAMEWORK ? Math.max(0, wallNanos - opNanos) : nanos(category);
                opNanos += category == Category.FRAMEWORK ? 0 : t;
                out.printf("PROFILE category=%s ms=%.2f share=%.3f%n", category.token, t / 1e6 / iterations,
                        (double) t / wallNanos);
            }
            out.printf("PROFILE category=total ms=%.2f share=1.000%n", wallNanos / 1e6 / iterations);
            out.println("ND4J ops by category, ms per timed iteration:");
            nanos.forEach((category, ops) -> {
                List<Map.Entry<String, long[]>> sorted = ops.entrySet().stream()
                        .sorted(Comparator.comparingLong(e -> -e.getValue()[0])).toList();
                StringBuilder line = new StringBuilder("  ").append(category.token).append(':');
                for (Map.Entry<String, long[]> e : sorted) {
                    line.append(String.format(" %s %.2f", e.getKey(), e.getValue()[0] / 1e6 / iterations));
                }
                out.println(line);
            });
        }
    }
}
