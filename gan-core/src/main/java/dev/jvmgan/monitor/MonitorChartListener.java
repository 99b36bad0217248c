package dev.jvmgan.monitor;

import dev.jvmgan.train.TrainingSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the run's checks in memory and redraws {@link MonitorCharts} from them at the first check, then whenever
 * {@code chartEvery} iterations have passed since the last drawing, and when training ends.
 *
 * <p>The drawing runs on a thread of its own, from a copy of the checks so far, so the training loop does not wait
 * for Java2D and the PNG encoder (about 0.3 s at a run's first drawing, with the fonts' loading); drawings run one at
 * a time in order, and the end of training waits for the last. A drawing that failed ends the run at the next check
 * or at the end, as it did when drawing was on the loop's thread.
 *
 * <p>The checks are not part of a checkpoint: a resumed run reads the earlier ones back from the {@code monitor}
 * records of the run's metrics.jsonl (which the resume has cut at the checkpoint's iteration), so its charts show
 * the whole run. A record that cannot be read costs the charts their past (a WARN line), never the run.
 */
final class MonitorChartListener implements CheckListener {
    private static final Logger log = LoggerFactory.getLogger(MonitorChartListener.class);

    private final int chartEvery;
    private final String recordsFile;
    private final List<CheckSnapshot> history = new ArrayList<>();
    private long lastChart = -1;
    private ExecutorService painter;
    private Future<?> drawing;
    private volatile RuntimeException failed;

    /**
     * @param chartEvery  iterations between drawings, &gt;= 1
     * @param recordsFile the file of the run directory the monitor records go to, read back when training starts;
     *                    null when the records are not kept
     */
    MonitorChartListener(int chartEvery, String recordsFile) {
        if (chartEvery < 1) {
            throw new IllegalArgumentException("chartEvery: must be >= 1, got " + chartEvery);
        }
        this.chartEvery = chartEvery;
        this.recordsFile = recordsFile;
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        history.clear();
        lastChart = -1;
        if (recordsFile == null) {
            return;
        }
        Path records = session.runDirectory().resolve(recordsFile);
        if (!Files.exists(records)) {
            return;
        }
        try {
            history.addAll(MonitorRecords.read(records));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("monitor charts start without the earlier checks: {}", e.getMessage());
        }
    }

    @Override
    public void checked(TrainingSession session, CheckSnapshot check, List<Alert> raised) {
        history.add(check);
        rethrowFailure();
        if (lastChart < 0 || check.iteration() - lastChart >= chartEvery) {
            draw(session);
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        try {
            if (!history.isEmpty() && last() != lastChart) {
                draw(session);
            }
            awaitDrawing();
        } finally {
            if (painter != null) {
                painter.shutdown();
                painter = null;
            }
        }
    }

    /** Waits for the drawings handed to the painter so far; rethrows a failed one's error. */
    void awaitDrawing() {
        if (drawing != null) {
            try {
                drawing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                failed = failed != null ? failed : new IllegalStateException("monitor charts: " + e.getCause(), e);
            }
            drawing = null;
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        RuntimeException failure = failed;
        if (failure != null) {
            failed = null;
            throw failure;
        }
    }

    /** Every check of the run so far, oldest first. */
    List<CheckSnapshot> history() {
        return List.copyOf(history);
    }

    private long last() {
        return history.get(history.size() - 1).iteration();
    }

    private void draw(TrainingSession session) {
        Path directory = session.runDirectory();
        String name = session.config().name();
        List<CheckSnapshot> checks = List.copyOf(history);
        lastChart = last();
        if (painter == null) {
            painter = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "monitor-charts");
                thread.setDaemon(true);
                return thread;
            });
        }
        // One thread, first in first out: the last future done means every drawing before it is done too.
        drawing = painter.submit(() -> {
            try {
                MonitorCharts.write(directory, name, checks);
            } catch (IOException e) {
                failed = new UncheckedIOException("cannot write monitor charts in " + directory, e);
            } catch (RuntimeException e) {
                failed = e;
            }
        });
    }
}
