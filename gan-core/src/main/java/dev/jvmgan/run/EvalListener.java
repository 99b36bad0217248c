package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.EvalConfig;
import dev.jvmgan.eval.EvalChart;
import dev.jvmgan.eval.EvalHistory;
import dev.jvmgan.eval.Evaluation;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.eval.GeneratedImages;
import dev.jvmgan.monitor.Alert;
import dev.jvmgan.monitor.AlertPolicy;
import dev.jvmgan.monitor.MonitorRecords;
import dev.jvmgan.monitor.MonitorStopException;
import dev.jvmgan.monitor.QualityAlerts;
import dev.jvmgan.monitor.QualityCheck;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.RandomState;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Quality scores during training ({@code eval.every}): a listener that builds the {@link Evaluator} once when
 * training starts (the feature network from its cache, or trained now, once per dataset), and every {@code every}
 * iterations and at the last iteration scores the images of seeds 0 to images - 1 of the generator it was given (the
 * moving average with {@code train.ema}), as {@code gan eval} scores a checkpoint. Each score goes
 * <ol>
 *   <li>to metrics.jsonl as a {@code "type": "eval"} record (the fields {@code gan eval} writes to eval.jsonl:
 *       iteration, fd, kid, kidStd, precision, recall, density, coverage, n, extractor, ...), and to the run's
 *       eval.jsonl ({@link EvalHistory}, which refuses a feature network other than the one of the scores there);</li>
 *   <li>to {@code eval.png}, redrawn with every score, and one console line;</li>
 *   <li>to the quality alert rules ({@link QualityAlerts}): {@code alert} records; {@code stop} ends the run;
 *       {@code rollback} goes back to {@code best.zip} with lower learning rates ({@link Rollback}, a
 *       {@code "type": "rollback"} record), at most {@code maxRollbacks} times, and stops the run after that.</li>
 * </ol>
 * It runs before the checkpoints, which read {@link #scoreAt} to keep {@code best.zip} by FD or KID, and before the
 * monitors' stop: a stopping alert leaves the last good checkpoint on disk. As a {@link Resumable} it saves the rules'
 * memory and the rollbacks so far.
 */
final class EvalListener implements TrainingListener, Resumable {
    /** The subject of the scores this listener writes to eval.jsonl. */
    static final String SUBJECT = "training";
    static final String CHART = "eval.png";
    private static final Logger log = LoggerFactory.getLogger(EvalListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builds the evaluator when training starts (it may train the feature network). */
    @FunctionalInterface
    interface EvaluatorSource {
        Evaluator open() throws IOException;
    }

    /**
     * What scores a generator's images: seeds to images; a class-conditional generator's ({@code classes}
     * conditional) makes seed s as class s mod K, as {@code gan eval} scores its checkpoints, and is scored per class
     * too (class agreement, intra-FD).
     *
     * @param generator images of latents, and of their classes when {@code classes} is conditional (else null)
     */
    record Generated(GeneratedImages.ConditionalGenerator generator, SampleClasses classes, int latentDim,
                     int channels, int imageSize) {
    }

    private final EvalConfig config;
    private final AlertConfig alertConfig;
    private final EvaluatorSource source;
    private final Generated generated;
    private final Consumer<ObjectNode> records;
    private final Rollback rollback;
    private final long startIteration;
    private final QualityAlerts alerts;
    private final List<Evaluation> history = new ArrayList<>();
    private Evaluator evaluator;
    private Evaluation latest;
    private int rollbacks;

    /**
     * @param records        metrics.jsonl
     * @param rollback       what the {@code rollback} policy does; null when no rule's policy is rollback
     * @param startIteration the iteration training starts from (a resume's), whose later scores in eval.jsonl go
     */
    EvalListener(EvalConfig config, AlertConfig alertConfig, EvaluatorSource source, Generated generated,
                 Consumer<ObjectNode> records, Rollback rollback, long startIteration) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("eval.every is 0: no scores to make");
        }
        this.config = config;
        this.alertConfig = alertConfig;
        this.source = source;
        this.generated = generated;
        this.records = records;
        this.rollback = rollback;
        this.startIteration = startIteration;
        this.alerts = new QualityAlerts(alertConfig);
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        log.info("eval: scoring {} images every {} iterations; preparing the feature network (trained once per "
                + "dataset and cached; a first run can take minutes)", config.images(), config.every());
        Path run = session.runDirectory();
        // Training a feature network seeds ND4J's global generator, which training draws from (RReLU, dropout):
        // the run must go on as without scores, whether the feature network came from the cache or not.
        RandomState random = RandomState.of(Nd4j.getRandom());
        try {
            evaluator = source.open();
            EvalHistory.requireExtractor(run, evaluator.extractor().hash());
            EvalHistory.dropAfter(run, SUBJECT, startIteration);
            EvalHistory.read(run).stream().filter(e -> SUBJECT.equals(e.subject())).forEach(history::add);
        } catch (IOException e) {
            throw new UncheckedIOException("eval: cannot prepare the quality scores: " + e.getMessage(), e);
        } finally {
            random.applyTo(Nd4j.getRandom());
        }
        log.info("eval: feature network {} ({}), reference {}", evaluator.extractor().shortHash(),
                evaluator.extractor().task(), evaluator.reference().describe());
    }

    /**
     * Scores at every {@code every} iterations and at the last one ({@code train.iterations}), here rather than when
     * training ends: metrics.jsonl is closed by then. A run stopped early (Ctrl-C) is not scored at its stop.
     */
    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        long iteration = stats.iteration();
        if (iteration % config.every() == 0 || iteration == session.config().train().iterations()) {
            score(session, iteration);
        }
    }

    /** The {@code output.bestMetric} ({@code fd} or {@code kid}) of the score at {@code iteration}, if it was scored. */
    OptionalDouble scoreAt(long iteration, String metric) {
        if (latest == null || latest.iteration() == null || latest.iteration() != iteration) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(metric.equals("kid") ? latest.scores().kid().mean() : latest.scores().fd());
    }

    private void score(TrainingSession session, long iteration) {
        RandomState random = RandomState.of(Nd4j.getRandom());
        Evaluation e;
        try {
            e = evaluate(iteration);
        } finally {
            random.applyTo(Nd4j.getRandom());
        }
        latest = e;
        history.add(e);
        Path run = session.runDirectory();
        records.accept(e.toJson(JSON));
        try {
            EvalHistory.append(run, e);
            EvalChart.write(run.resolve(CHART), run.getFileName().toString(), history);
        } catch (IOException ex) {
            throw new UncheckedIOException("eval: cannot write " + EvalHistory.FILE + " or " + CHART + " in " + run
                    + ": " + ex.getMessage(), ex);
        }
        log.info(String.format(Locale.ROOT, "eval it %d: FD %.3f  KID %.5f +- %.5f  P %.3f R %.3f  D %.3f C %.3f  "
                        + "%s(%d images, %.1f s)", iteration, e.scores().fd(), e.scores().kid().mean(),
                e.scores().kid().std(), e.scores().prdc().precision(), e.scores().prdc().recall(),
                e.scores().prdc().density(), e.scores().prdc().coverage(), perClass(e), config.images(),
                e.seconds()));
        judge(session, new QualityCheck(iteration, e.scores().fd(), e.scores().prdc().recall(),
                e.scores().prdc().coverage()));
    }

    /**
     * The scores of seeds 0 to images - 1; a conditional generator's seed s made as class s mod K, scored per class
     * as well, from the features and the classes of one pass of the feature network.
     */
    private Evaluation evaluate(long iteration) {
        String seeds = "seeds 0-" + (config.images() - 1);
        SampleClasses classes = generated.classes();
        int[] madeAs = classes.conditional() ? classes.ofSeeds(0, config.images()) : null;
        GeneratedImages fakes = new GeneratedImages(generated.generator(), madeAs,
                seed -> SampleLatents.ofSeed(generated.latentDim(), seed), config.images(), generated.channels(),
                generated.imageSize());
        return madeAs == null ? evaluator.evaluate(SUBJECT, iteration, fakes, seeds)
                : evaluator.evaluate(SUBJECT, iteration, fakes, seeds + ", seed s as class s mod " + classes.count(),
                classes.names(), classes.shown(), madeAs);
    }

    /** {@code agreement 64.9% intra-FD 71.000} and two spaces, for the console line; empty without per-class scores. */
    private static String perClass(Evaluation e) {
        if (e.classScores() == null) {
            return "";
        }
        Double agreement = e.classScores().agreement();
        Double intraFd = e.classScores().meanIntraFd();
        return "agreement " + (agreement == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * agreement))
                + " intra-FD " + (intraFd == null ? "-" : String.format(Locale.ROOT, "%.3f", intraFd)) + "  ";
    }

    private void judge(TrainingSession session, QualityCheck check) {
        for (Alert alert : alerts.check(check)) {
            records.accept(MonitorRecords.toJson(alert));
            log.warn("{}: {}", alert.rule(), alert.message());
            if (alert.policy() == AlertPolicy.STOP) {
                throw new MonitorStopException("stopped by monitors.alerts.policy." + alert.rule() + " = stop: "
                        + alert.message());
            }
            if (alert.policy() == AlertPolicy.ROLLBACK) {
                rollBack(session, alert);
                return;
            }
        }
    }

    private void rollBack(TrainingSession session, Alert alert) {
        if (rollbacks >= alertConfig.maxRollbacks()) {
            throw new MonitorStopException("stopped by monitors.alerts.policy." + alert.rule() + " = rollback: "
                    + "the run rolled back " + rollbacks + " times already (monitors.alerts.maxRollbacks); "
                    + alert.message());
        }
        var done = rollback.toBest(session.runDirectory(), alertConfig.rollbackLrFactor());
        if (done.isEmpty()) {
            log.warn("{}: no checkpoints/best.zip yet, nothing to roll back to; going on", alert.rule());
            return;
        }
        rollbacks++;
        ObjectNode record = JSON.createObjectNode().put("type", "rollback").put("iteration", alert.iteration())
                .put("rule", alert.rule()).put("rollbacks", rollbacks).put("maxRollbacks", alertConfig.maxRollbacks());
        done.get().remove("type");
        record.setAll(done.get());
        records.accept(record);
        alerts.rolledBack();
        // The networks are the best checkpoint's now: this iteration's score is not theirs, so no best.zip from it.
        latest = null;
    }

    @Override
    public String stateName() {
        return "eval";
    }

    @Override
    public JsonNode saveState() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.set("alerts", alerts.saveState());
        return state.put("rollbacks", rollbacks);
    }

    @Override
    public void restoreState(JsonNode state) {
        if (state == null || !state.path("alerts").isObject() || !state.path("rollbacks").canConvertToInt()) {
            throw new IllegalArgumentException("eval: state needs 'alerts' and 'rollbacks', got " + state);
        }
        alerts.restoreState(state.get("alerts"));
        rollbacks = state.get("rollbacks").asInt();
    }
}
