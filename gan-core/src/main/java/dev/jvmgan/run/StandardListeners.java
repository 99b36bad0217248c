package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.monitor.MonitorListener;
import dev.jvmgan.train.Latents;
import dev.jvmgan.train.RandomState;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The listeners a run hangs on the loop, in the order they must run, and the state a checkpoint carries so that a
 * resumed run goes on exactly. The order, and why:
 * <ol>
 *   <li>the generator's moving average, if {@code train.ema} is on: it follows G's update of the iteration, and the
 *       grids and checkpoints below show and save that average (a benchmark keeps it too: it is part of training);</li>
 *   <li>metrics.jsonl: the others append their records through it;</li>
 *   <li>losses.png: after it, so the chart holds the record of the same iteration;</li>
 *   <li>the monitors: before the checkpoints, so a stop alert ends the run without a checkpoint of the bad state;</li>
 *   <li>the quality scores, if {@code eval.every} is on ({@link EvalListener}): before the checkpoints, which keep
 *       {@code best.zip} by their FD or KID, and for the same reason as the monitors (a rollback, too, must come
 *       before the checkpoint of its iteration, which then holds the restored networks);</li>
 *   <li>the sample grids, from the moving average when there is one;</li>
 *   <li>the checkpoints, carrying every piece of resumable state (data order, latents, ND4J's generator, the
 *       algorithm's random streams, the monitors', their own bookkeeping);</li>
 *   <li>run.json and report.html: after the others, so the report shows the files of the same iteration;</li>
 *   <li>the progress line, last, as it reports on an iteration the others have finished with;</li>
 *   <li>the caller's own listeners.</li>
 * </ol>
 */
final class StandardListeners {
    private static final Logger log = LoggerFactory.getLogger(StandardListeners.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run writes: everything, nothing (a benchmark of the loop), or only the monitors' work (their cost). */
    enum Outputs { ALL, NONE, MONITORS_ONLY }

    /** The listeners in loop order, and the states a checkpoint saves and a resume restores, in restore order. */
    record Wiring(List<TrainingListener> listeners, List<Resumable> state) {
    }

    private StandardListeners() {
    }

    /**
     * @param algorithmState the random streams of the training algorithm that are on (DiffAugment, instance noise,
     *                       WGAN-GP's interpolation weights), checkpointed after the data and latent streams
     * @param classes        a class-conditional run's classes, or null
     */
    static Wiring wire(RunConfig config, Outputs outputs, boolean terminal, BatchSource batches, Latents latents,
                       List<Resumable> algorithmState, Resume resume, RunNetworks networks, RunClasses classes,
                       EvalListener.EvaluatorSource evaluators, List<TrainingListener> extra) {
        List<TrainingListener> listeners = new ArrayList<>();
        networks.average().ifPresent(average -> listeners.add(new EmaListener(average,
                config.train().dStepsPerGStep() * config.train().batchSize())));
        if (networks.average().isPresent() && config.train().ema().standing()) {
            List<Integer> uses = new ArrayList<>(List.of(config.output().sampleEvery(),
                    config.output().checkpointEvery()));
            if (config.eval().enabled()) {
                uses.add(config.eval().every());
            }
            listeners.add(new StandingListener(networks.average().get().network(),
                    config.train().ema().standingStats(), config.model().latentDim(), config.train().batchSize(),
                    uses));
        }
        List<Resumable> state = new ArrayList<>(List.of(
                Resumable.of("data", () -> JSON.createObjectNode().put("epoch", batches.epoch())
                        .put("position", batches.position()), saved -> restoreDataOrder(batches, saved)),
                Resumable.of("latents", () -> latents.state().toJson(),
                        saved -> latents.restore(RandomState.fromJson(saved))),
                Resumable.of("nd4jRandom", () -> RandomState.of(Nd4j.getRandom()).toJson(),
                        saved -> RandomState.fromJson(saved).applyTo(Nd4j.getRandom()))));
        state.addAll(algorithmState);
        LossConfig.Outputs dOutputs = config.train().loss().type().outputs();
        if (outputs == Outputs.ALL) {
            MetricsJsonlListener metrics = new MetricsJsonlListener(config.output().logEvery(), dOutputs);
            if (resume != null) {
                metrics.withStartRecord(resume.record(JSON));
            }
            listeners.add(metrics);
            listeners.add(new LossChartListener(config.monitors().chartEvery()));
            if (config.monitors().enabled()) {
                MonitorListener monitors = new MonitorListener(config.monitors(), config.train().loss(),
                        metrics::append, MetricsJsonlListener.FILE_NAME);
                listeners.add(monitors);
                state.add(monitors);
            }
            EvalListener eval = null;
            if (config.eval().enabled()) {
                eval = evalListener(config, resume, networks, classes, evaluators, metrics);
                listeners.add(eval);
                state.add(eval);
            }
            listeners.add(new SampleGridListener(config.output().sampleEvery(), networks.averageImages()));
            CheckpointListener checkpoints = new CheckpointListener(config.output(),
                    networks.average().map(average -> average.network()));
            if (eval != null && config.output().bestByQuality()) {
                checkpoints.withQualityScores(eval::scoreAt, config.eval().every());
            }
            listeners.add(checkpoints.carrying(List.copyOf(state)));
            state.add(checkpoints);
            listeners.add(new RunInfoListener(config.monitors().chartEvery()));
            listeners.add(new ReportListener(config.monitors().chartEvery()));
            listeners.add(new ProgressListener(config.output().logEvery(), terminal, dOutputs));
        } else if (outputs == Outputs.MONITORS_ONLY && config.monitors().enabled()) {
            listeners.add(new MonitorListener(config.monitors(), config.train().loss(), record -> { }, null));
        }
        listeners.addAll(extra);
        return new Wiring(listeners, state);
    }

    /**
     * Scores of the moving average when there is one, as the samples; of G otherwise. A conditional G is scored per
     * class too; a G that takes no labels is not, even when D does.
     */
    private static EvalListener evalListener(RunConfig config, Resume resume, RunNetworks networks,
                                             RunClasses classes, EvalListener.EvaluatorSource evaluators,
                                             MetricsJsonlListener metrics) {
        ImageGeneratorNetwork scored = networks.averageImages() != null ? networks.averageImages()
                : networks.generator();
        DataType type = scored.params().dataType();
        SampleClasses generatorClasses = SampleClasses.of(classes != null && classes.generator() ? classes.names()
                : List.of(), config.data());
        EvalListener.Generated generated = new EvalListener.Generated(
                (latents, made) -> scored.output(Nd4j.createFromArray(latents).castTo(type), made), generatorClasses,
                config.model().latentDim(), config.data().channels(), config.data().imageSize());
        Rollback rollback = config.monitors().alerts().rollsBack() ? new Rollback(networks.generator(),
                networks.discriminator(), networks.average()) : null;
        return new EvalListener(config.eval(), config.monitors().alerts(), evaluators, generated, metrics::append,
                rollback, resume == null ? 0 : resume.at().iteration());
    }

    private static void restoreDataOrder(BatchSource batches, JsonNode saved) {
        int epoch = saved.path("epoch").asInt(-1);
        int position = saved.path("position").asInt(-1);
        try {
            batches.restore(epoch, position);
        } catch (IllegalArgumentException e) {
            // Only after an allowed change of batchSize or data: the saved position no longer exists.
            log.warn("data order: {}; continuing at the start of epoch {}", e.getMessage(), Math.max(0, epoch));
            batches.restore(Math.max(0, epoch), 0);
        }
    }
}
