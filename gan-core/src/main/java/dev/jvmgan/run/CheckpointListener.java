package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Writes {@code checkpoints/iter-NNNNNNN.zip} every {@code checkpointEvery} iterations and when training ends
 * normally or is stopped, with the state of every {@link Resumable} it was given. After a failure nothing is
 * written: the last checkpoint on disk is the last good state.
 *
 * <p>Once a new checkpoint is complete, all but the newest {@code keepCheckpoints} are deleted. With a
 * {@code bestMetric}, the metric's mean over each checkpoint's interval is compared with the best so far and the
 * better checkpoint becomes {@code best.zip}, which pruning never touches. With a quality {@code bestMetric}
 * ({@code fd}, {@code kid}: lower is better), the score of the checkpoint's own iteration decides instead, and a
 * checkpoint is also written at every iteration that is scored ({@link #withQualityScores}). A failed write (a full disk) stops
 * training with a message naming the file; the previous checkpoints stay as they were. A checkpoint holds the
 * generator's moving average too, when the run keeps one, and every network's spectral norm state.
 */
public final class CheckpointListener implements TrainingListener, Resumable {
    private static final Logger log = LoggerFactory.getLogger(CheckpointListener.class);
    private static final Map<String, ToDoubleFunction<IterationStats>> METRICS = Map.of(
            "dLoss", IterationStats::dLoss, "gLoss", IterationStats::gLoss,
            "dReal", IterationStats::dReal, "dFake", IterationStats::dFake);

    private final int every;
    private final int keep;
    private final ToDoubleFunction<IterationStats> metric;
    private final String metricName;
    private final boolean higherIsBetter;
    private final List<Resumable> resumables = new ArrayList<>();
    private final Optional<TrainableNetwork> generatorEma;
    private IterationStats last;
    private long lastWritten = -1;
    private double metricSum;
    private int metricCount;
    private double bestValue = Double.NaN;
    private long bestIteration = -1;
    private QualityScores quality;
    private int qualityEvery;

    /** The quality scores of the generator during training, by iteration. */
    @FunctionalInterface
    interface QualityScores {
        /** The score named {@code metric} ({@code fd}, {@code kid}) at {@code iteration}, if it was scored then. */
        OptionalDouble at(long iteration, String metric);
    }

    public CheckpointListener(OutputConfig output) {
        this(output, Optional.empty());
    }

    /** @param generatorEma the generator's moving average, saved with G and D, if the run keeps one */
    public CheckpointListener(OutputConfig output, Optional<TrainableNetwork> generatorEma) {
        this.generatorEma = generatorEma;
        this.every = output.checkpointEvery();
        this.keep = output.keepCheckpoints();
        this.metricName = output.bestMetric();
        this.metric = output.keepsBest() && !output.bestByQuality() ? METRICS.get(output.bestMetric()) : null;
        this.higherIsBetter = output.bestMode().equals("max");
        if (output.keepsBest() && !output.bestByQuality() && metric == null) {
            throw new IllegalArgumentException("no training metric named " + output.bestMetric());
        }
    }

    /**
     * Keeps {@code best.zip} by the quality {@code bestMetric} of {@code scores}, which score every {@code every}
     * iterations and at the end: a checkpoint is written at each of those iterations too, so every score has one.
     */
    CheckpointListener withQualityScores(QualityScores scores, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("quality scores every " + every + " iterations");
        }
        this.quality = scores;
        this.qualityEvery = every;
        return this;
    }

    /** Adds state every checkpoint carries (this listener's own is always included). */
    public CheckpointListener carrying(List<? extends Resumable> parts) {
        resumables.addAll(parts);
        return this;
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        last = stats;
        if (metric != null) {
            metricSum += metric.applyAsDouble(stats);
            metricCount++;
        }
        if (stats.iteration() % every == 0 || (quality != null && stats.iteration() % qualityEvery == 0)) {
            write(session, stats);
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (failure == null && last != null && last.iteration() != lastWritten) {
            write(session, last);
        }
    }

    private void write(TrainingSession session, IterationStats stats) {
        Path run = session.runDirectory();
        Path file = Checkpoints.file(run, stats.iteration());
        double value = quality != null ? quality.at(stats.iteration(), metricName).orElse(Double.NaN)
                : metricCount > 0 ? metricSum / metricCount : Double.NaN;
        boolean better = (metric != null || quality != null) && improves(value);
        if (better) {
            bestValue = value;
            bestIteration = stats.iteration();
        }
        metricSum = 0;
        metricCount = 0;
        Map<String, JsonNode> state = new LinkedHashMap<>();
        state.put(stateName(), saveState());
        for (Resumable part : resumables) {
            if (state.put(part.stateName(), part.saveState()) != null) {
                throw new IllegalStateException("two parts of the training state are named " + part.stateName());
            }
        }
        Checkpoint checkpoint = Checkpoint.of(session.generator(), session.discriminator(), generatorEma,
                new Checkpoint.State(stats.iteration(), stats.imagesSeen(), "jvm-gan"),
                ConfigLoader.toYaml(session.config()), state);
        try {
            checkpoint.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + describe(e)
                    + "; the checkpoints already in " + file.getParent() + " are intact. Free space or fix the "
                    + "directory's permissions, then resume with: gan train --resume " + run, e);
        }
        lastWritten = stats.iteration();
        log.debug("checkpoint {}", file);
        try {
            if (better) {
                Checkpoints.markBest(run, file);
                log.info("best checkpoint so far by {} ({}): iteration {}", metricName, bestValue, bestIteration);
            }
            Checkpoints.prune(run, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + " is complete, but keeping " + Checkpoints.BEST
                    + " and deleting old checkpoints failed: " + describe(e), e);
        }
    }

    private boolean improves(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return Double.isNaN(bestValue) || (higherIsBetter ? value > bestValue : value < bestValue);
    }

    /** "No space left on device" and friends arrive as the message of a bare IOException or as its class name. */
    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : e.getClass() == IOException.class ? message : kind + ": " + message;
    }

    @Override
    public String stateName() {
        return "checkpoints";
    }

    @Override
    public JsonNode saveState() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("bestMetric", metricName).put("bestIteration", bestIteration);
        if (!Double.isNaN(bestValue)) {
            node.put("bestValue", bestValue);
        }
        return node;
    }

    @Override
    public void restoreState(JsonNode state) {
        // A run resumed with another bestMetric starts its best anew.
        if (state.path("bestMetric").asText().equals(metricName) && state.hasNonNull("bestValue")) {
            bestValue = state.get("bestValue").asDouble();
            bestIteration = state.path("bestIteration").asLong(-1);
        }
    }
}
