package dev.jvmgan.data;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads for decoding, so a run that ends without closing its source never keeps the JVM alive. */
final class LoaderThreads {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private LoaderThreads() {
    }

    /** A fixed pool of {@code threads} daemon threads named {@code gan-<role>-<pool>-<n>}. */
    static ExecutorService pool(String role, int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "gan-" + role + "-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }
}
