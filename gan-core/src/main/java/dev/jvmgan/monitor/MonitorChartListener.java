package dev.jvmgan.monitor;

import dev.jvmgan.train.TrainingSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the run's checks in memory and redraws {@link MonitorCharts} from them at the first check, then whenever
 * {@code chartEvery} iterations have passed since the last drawing, and when training ends.
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
        if (lastChart < 0 || check.iteration() - lastChart >= chartEvery) {
            draw(session);
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (!history.isEmpty() && last() != lastChart) {
            draw(session);
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
        try {
            MonitorCharts.write(session.runDirectory(), session.config().name(), history);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write monitor charts in " + session.runDirectory(), e);
        }
        lastChart = last();
    }
}
