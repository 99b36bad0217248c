package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.train.Inspection;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The health monitors as a training listener: every {@code monitors.every} iterations it has one iteration
 * inspected, and then
 * <ol>
 *   <li>{@link CheckCollector} turns the inspection into a {@link CheckSnapshot} (per activation layer of D and G
 *       never-positive, for ReLU dead, and saturated units; per parameter the gradient norm and update ratio; the
 *       signal G receives through D; D's output saturation);</li>
 *   <li>{@link AlertRules} judge it;</li>
 *   <li>the outputs show it, in this order: {@link MonitorRecords} ({@code "type": "monitor"} and {@code "type":
 *       "alert"} records in metrics.jsonl), {@link ConsoleLines} (WARN lines and a compact line every 250
 *       iterations), {@link MonitorChartListener} ({@code dead-units.png}, {@code gradient-norms.png}, redrawn every
 *       {@code monitors.chartEvery} iterations and at the end);</li>
 *   <li>an alert whose policy is {@code stop} ends the run with a {@link MonitorStopException} (the last checkpoint
 *       on disk is kept).</li>
 * </ol>
 * As a {@link Resumable} it saves {@link MonitorState}: the rules' memory and the dead-unit window, which do not grow
 * with training.
 */
public final class MonitorListener implements TrainingListener, Resumable {
    private final int every;
    private final DeadUnitTracker tracker;
    private final CheckCollector collector;
    private final AlertRules rules;
    private final MonitorChartListener charts;
    private final List<CheckListener> outputs;

    /**
     * Monitors whose records go to {@code records} and whose charts start empty (a benchmark, a test).
     *
     * @param records where each check's JSON records go
     */
    public MonitorListener(MonitorConfig config, Consumer<ObjectNode> records) {
        this(config, records, null);
    }

    /**
     * Monitors of a run directory.
     *
     * @param records     where each check's JSON records go (metrics.jsonl in a run)
     * @param recordsFile the name of that file in the run directory: a resumed run's charts start from the monitor
     *                    records already in it; null to start them empty
     */
    public MonitorListener(MonitorConfig config, Consumer<ObjectNode> records, String recordsFile) {
        Objects.requireNonNull(config, "config");
        this.every = config.every();
        this.tracker = new DeadUnitTracker(config.window());
        this.collector = new CheckCollector(config, tracker);
        this.rules = AlertRules.of(config.alerts());
        this.charts = new MonitorChartListener(config.chartEvery(), recordsFile);
        this.outputs = config.enabled()
                ? List.of(new MonitorRecords(records), new ConsoleLines(config.every()), charts)
                : List.of();
    }

    @Override
    public boolean wantsInspection(long iteration) {
        return every > 0 && iteration % every == 0;
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        outputs.forEach(output -> output.trainingStarted(session));
    }

    @Override
    public void inspected(TrainingSession session, IterationStats stats, Inspection inspection) {
        CheckSnapshot check = collector.collect(session, stats, inspection);
        List<Alert> raised = rules.check(check);
        outputs.forEach(output -> output.checked(session, check, raised));
        for (Alert alert : raised) {
            if (alert.policy() == AlertPolicy.STOP) {
                throw new MonitorStopException("stopped by monitors.alerts.policy." + alert.rule() + " = stop: "
                        + alert.message());
            }
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        outputs.forEach(output -> output.trainingEnded(session, failure));
    }

    @Override
    public String stateName() {
        return "monitors";
    }

    /** The rules' memory and the dead-unit window ({@link MonitorState}); bounded, whatever the iteration. */
    @Override
    public JsonNode saveState() {
        return MonitorState.save(rules, tracker);
    }

    @Override
    public void restoreState(JsonNode state) {
        try {
            MonitorState.restore(state, rules, tracker);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitor state does not fit this toolkit's monitors: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Every check of the run so far, oldest first, as the charts draw them: kept in memory, not in checkpoints; a
     * resumed run with a {@code recordsFile} reads the earlier ones back from it when training starts.
     */
    public List<CheckSnapshot> history() {
        return charts.history();
    }
}
