package dev.jvmgan.cli;

import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.run.TrainingRun;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Times the training loop on a config (by default the reference DCGAN of shared/bench) and prints one
 * {@code RESULT} line in the PyTorch peer's format, so the two can be compared side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time W warm-up and N timed training iterations; print a RESULT line like the PyTorch peer.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", defaultValue = "configs/fashion-dcgan.yaml")
    Path config;

    @Option(names = "--batch", defaultValue = "64")
    int batch;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--iters", defaultValue = "8")
    int iters;

    @Option(names = "--monitors", description = "Run the monitors (at the config's cadence) while timing")
    boolean monitors;

    @Option(names = "--profile", description = "After the warm-up, time every ND4J op and oneDNN primitive and print where the time goes, "
            + "in the PyTorch peer's categories (PROFILE lines; ND4J's OpProfiler slows the run, so its RESULT line "
            + "is not a benchmark)")
    boolean profile;

    @Option(names = "--loader", description = "Time the config's data source alone, without training: the images "
            + "per second it delivers at --batch (W warm-up and N timed batches), the time to open it (for a folder: "
            + "finding and checking every file), peak RSS, and the heap still live after it (file list and index)")
    boolean loader;

    @Option(names = "--times", description = "Also print every timed iteration's wall time in ms, in order (a TIMES line): "
            + "where the mean and the median part, which iterations are slow")
    boolean times;

    @Option(names = "--set", paramLabel = "KEY=VALUE")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<String> all = new ArrayList<>(overrides);
        all.add("train.batchSize=" + batch);
        all.add("train.iterations=" + (warmup + iters));
        RunConfig resolved = ConfigLoader.load(config, all, TrainCommand.rules());
        if (loader) {
            return benchLoader(resolved);
        }
        Timer timer = new Timer(warmup, warmup + iters, profile);
        TrainingRun run = new TrainingRun(resolved, false).withoutStandardOutputs().withListener(timer);
        try {
            (monitors ? run.withMonitors() : run).run();
        } finally {
            timer.stopProfiling();
        }
        if (times) {
            StringBuilder line = new StringBuilder("TIMES");
            timer.timed.forEach(seconds -> line.append(String.format(" %.1f", seconds * 1e3)));
            System.out.println(line);
        }
        double[] timed = timer.timed.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double total = Arrays.stream(timed).sum();
        if (timer.ops != null) {
            System.out.println("ND4J op time over the " + iters + " timed iterations, in the PyTorch peer's categories"
                    + " (ms per iteration, share of the timed wall time):");
            timer.ops.print(System.out, Math.round(total * 1e9), iters);
        }
        double median = timed.length % 2 == 1 ? timed[timed.length / 2]
                : (timed[timed.length / 2 - 1] + timed[timed.length / 2]) / 2;
        System.out.printf("RESULT impl=jvm-gan-dl4j-1.0.0-M2.1 monitors=%s batch=%d threads=%s iters=%d img_per_s=%.1f "
                        + "median_iter_ms=%.2f img_per_s_median=%.1f first_iter_ms=%.0f "
                        + "start_to_first_iter_end_s=%.2f peak_rss_mb=%d%n",
                monitors ? "on" : "off", batch, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), iters, batch * iters / total,
                median * 1e3, batch / median, timer.firstSeconds * 1e3, timer.startToFirstEnd, peakRssMb());
        return GanCli.OK;
    }

    /** The data source as fast as it goes: the consumer only takes batches, so this is the loader's ceiling. */
    private int benchLoader(RunConfig resolved) throws IOException {
        long opening = System.nanoTime();
        TrainingData data = TrainingData.open(resolved.data());
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        double[] seconds = new double[iters];
        long liveHeapMb;
        try (BatchSource batches = data.batches(batch, resolved.train().seed())) {
            for (int i = 0; i < warmup; i++) {
                batches.next();
            }
            for (int i = 0; i < iters; i++) {
                long start = System.nanoTime();
                batches.next();
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        // After close: the threads allocate about 1 GB/s while they run, which would blur what stays live (the
        // file list and index, which grow with the folder). `data` is used below, so it is still reachable here.
        Runtime runtime = Runtime.getRuntime();
        liveHeapMb = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {   // the lowest of three: a decode still finishing can hold a little
            sleepQuietly(100);
            System.gc();
            liveHeapMb = Math.min(liveHeapMb, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        }
        double total = Arrays.stream(seconds).sum();
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf("RESULT impl=jvm-gan-loader source=%s images=%d batch=%d threads=%d iters=%d img_per_s=%.1f "
                        + "median_batch_ms=%.2f open_s=%.2f peak_rss_mb=%d live_heap_mb=%d%n",
                data.streamed() ? "streamed" : "memory", data.size(), batch, resolved.data().loaderThreads(), iters,
                batch * iters / total, sorted[sorted.length / 2] * 1e3, openSeconds, peakRssMb(), liveHeapMb);
        return GanCli.OK;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    static final class Timer implements TrainingListener {
        final int warmup;
        final int last;
        final List<Double> timed = new ArrayList<>();
        double firstSeconds;
        double startToFirstEnd;

        final boolean profile;
        /** With {@code profile}: the timed iterations' op time by category, from the end of the warm-up. */
        OpCategories.Recorder ops;

        Timer(int warmup, int last, boolean profile) {
            this.warmup = warmup;
            this.last = last;
            this.profile = profile;
        }

        private long lastEnd;

        @Override
        public void trainingStarted(TrainingSession session) {
            if (warmup == 0) {
                startProfiling();
            }
            lastEnd = System.nanoTime();
        }

        /** Wall-clock from one iteration's end to the next, so listeners' work (monitors) counts too. */
        @Override
        public void iterationDone(TrainingSession session, IterationStats stats) {
            long now = System.nanoTime();
            double seconds = (now - lastEnd) / 1e9;
            lastEnd = now;
            if (stats.iteration() == 1) {
                firstSeconds = seconds;
                Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
                startToFirstEnd = Duration.between(start, Instant.now()).toMillis() / 1e3;
            }
            if (stats.iteration() > warmup) {
                timed.add(seconds);
            }
            if (stats.iteration() == warmup) {
                startProfiling();
            }
            if (stats.iteration() == last) {
                stopProfiling();
            }
        }

        private void startProfiling() {
            if (profile) {
                OpProfiler.getInstance().reset();
                ops = OpCategories.record(Thread.currentThread());
                Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
            }
        }

        /** Ends op timing (idempotent): what runs after the last timed iteration is not part of the table. */
        void stopProfiling() {
            if (ops != null) {
                Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
                ops.stop();
            }
        }
    }
}
