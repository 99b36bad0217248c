package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.monitor.DOutputs;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends one JSON object per {@code logEvery} iterations to {@code metrics.jsonl}: losses and D outputs
 * averaged over the iterations since the previous record, and the throughput over them. One line per record,
 * flushed, so {@code tail -f} and a crashed run both see complete lines.
 * <pre>{@code
 * {"type":"train","iteration":100,"imagesSeen":6400,"dLoss":1.21,"gLoss":0.93,"dReal":0.61,"dFake":0.38,
 *  "penalty":0.012,"penaltyGradientNorm":0.31,"itPerSec":8.1,"time":"..."}
 * }</pre>
 * {@code "dOutput": "raw"} or {@code "critic"} says what dReal and dFake are when the run's loss does not make them
 * probabilities (see {@link DOutputs}); absent, they are probabilities. {@code penalty} (the gradient penalty P, without its lazy gain) and
 * {@code penaltyGradientNorm} (the mean norm of D's input gradient at the penalty's points) are there when a penalty
 * ran in the interval, averaged over the iterations it ran in. With ACGAN's auxiliary classifier
 * ({@code model.auxClassifier}), {@code classAccuracyReal} and {@code classAccuracyFake} are the shares of the real
 * and of G's batch whose largest class logit of D is the image's class (G's: the class it was made as).
 */
public final class MetricsJsonlListener implements TrainingListener {
    public static final String FILE_NAME = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int logEvery;
    private final LossConfig.Outputs dOutputs;
    private final Window window = new Window();
    private final List<ObjectNode> startRecords = new ArrayList<>();
    private BufferedWriter out;

    /** Metrics of a run whose D outputs are probabilities (the default loss). */
    public MetricsJsonlListener(int logEvery) {
        this(logEvery, LossConfig.Outputs.PROBABILITY);
    }

    /** @param dOutputs what the loss's D outputs are, written as each record's {@code dOutput} */
    public MetricsJsonlListener(int logEvery, LossConfig.Outputs dOutputs) {
        this.logEvery = logEvery;
        this.dOutputs = dOutputs;
    }

    @Override
    public void trainingStarted(TrainingSession session) {
        try {
            out = Files.newBufferedWriter(session.runDirectory().resolve(FILE_NAME), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            window.clear();
            for (ObjectNode record : startRecords) {
                append(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + session.runDirectory().resolve(FILE_NAME), e);
        }
    }

    /** A record written first when training starts (a resumed run's {@code "type": "resume"}). */
    public MetricsJsonlListener withStartRecord(ObjectNode record) {
        startRecords.add(record);
        return this;
    }

    /**
     * Drops the records of iterations after {@code iteration} from a run directory's metrics.jsonl, and a torn last
     * line: a run resumed from that iteration's checkpoint writes them again. Replaces the file atomically.
     *
     * @return the number of lines dropped
     */
    public static int truncateAfter(Path runDirectory, long iteration) throws IOException {
        Path file = runDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (IOException torn) {
                dropped++;
                continue;
            }
            if (record != null && record.path("iteration").asLong(0) <= iteration) {
                kept.add(line);
            } else {
                dropped++;
            }
        }
        Path tmp = Files.createTempFile(runDirectory, "." + FILE_NAME, ".tmp");
        try {
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return dropped;
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        window.add(stats);
        if (stats.iteration() % logEvery == 0 || stats.iteration() == session.config().train().iterations()) {
            write(stats);
        }
    }

    private void write(IterationStats last) {
        ObjectNode record = JSON.createObjectNode();
        record.put("type", "train");
        record.put("iteration", last.iteration());
        record.put("imagesSeen", last.imagesSeen());
        record.put("dLoss", window.mean(Window.D_LOSS));
        record.put("gLoss", window.mean(Window.G_LOSS));
        record.put("dReal", window.mean(Window.D_REAL));
        record.put("dFake", window.mean(Window.D_FAKE));
        if (dOutputs != LossConfig.Outputs.PROBABILITY) {
            record.put("dOutput", DOutputs.jsonName(dOutputs));
        }
        if (window.hasPenalty()) {
            record.put("penalty", window.mean(Window.PENALTY));
            record.put("penaltyGradientNorm", window.mean(Window.PENALTY_GRADIENT_NORM));
        }
        if (window.hasClassAccuracy()) {
            record.put("classAccuracyReal", window.mean(Window.CLASS_ACCURACY_REAL));
            record.put("classAccuracyFake", window.mean(Window.CLASS_ACCURACY_FAKE));
        }
        record.put("itPerSec", window.iterationsPerSecond());
        record.put("time", java.time.Instant.now().toString());
        append(record);
        window.clear();
    }

    /**
     * Appends one record as a line (other listeners, such as the monitors, write their records here too);
     * only between {@link #trainingStarted} and {@link #trainingEnded}.
     */
    public void append(ObjectNode record) {
        if (out == null) {
            throw new IllegalStateException("metrics.jsonl is not open: training has not started");
        }
        try {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + FILE_NAME, e);
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
