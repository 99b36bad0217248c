package dev.jvmgan.data;

import dev.jvmgan.data.decode.BadImageException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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

    /** One file's work, by index; a bad file is its result, not a failure of the whole. */
    interface FileTask {
        void run(int index) throws BadImageException;
    }

    /**
     * Runs {@code task} for indexes {@code 0 .. count-1} on a pool of its own, shut down afterwards.
     *
     * @return per index, the file's {@link BadImageException}, or null when it went through
     * @throws DataException if a task failed otherwise (out of heap), naming {@code what}
     */
    static List<BadImageException> forEach(String role, int threads, int count, FileTask task, String what)
            throws DataException {
        ExecutorService pool = pool(role, threads);
        try {
            List<Future<BadImageException>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    try {
                        task.run(index);
                        return null;
                    } catch (BadImageException e) {
                        return e;
                    }
                }));
            }
            List<BadImageException> problems = new ArrayList<>();
            for (Future<BadImageException> result : results) {
                problems.add(result.get());
            }
            return problems;
        } catch (ExecutionException e) {
            throw new DataException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(what + ": interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
