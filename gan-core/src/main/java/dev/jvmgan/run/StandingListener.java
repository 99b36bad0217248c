package dev.jvmgan.run;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;

import java.util.List;

/**
 * Recomputes the moving average's batch-norm statistics over {@code train.ema.standingStats} batches
 * ({@link StandingGenerator}) at every iteration where the average is drawn from or saved (the sample grids', the
 * scores' and the checkpoints' cadences, and the end of training), so grids, scores and checkpoints all hold the
 * average with statistics of its own. Runs right after {@link EmaListener}. Training never reads the average, and its
 * next update copies G's statistics over these again, so a resumed run continues bitwise.
 */
final class StandingListener implements TrainingListener {
    private final TrainableNetwork average;
    private final int batches;
    private final int latentDim;
    private final int batchSize;
    private final List<Integer> cadences;
    private IterationStats last;
    private long lastStood = -1;

    /** @param cadences every cadence (in iterations, each at least 1) at which something uses the average */
    StandingListener(TrainableNetwork average, int batches, int latentDim, int batchSize, List<Integer> cadences) {
        this.average = average;
        this.batches = batches;
        this.latentDim = latentDim;
        this.batchSize = batchSize;
        this.cadences = List.copyOf(cadences);
    }

    @Override
    public void iterationDone(TrainingSession session, IterationStats stats) {
        last = stats;
        if (cadences.stream().anyMatch(every -> stats.iteration() % every == 0)) {
            stand(stats.iteration());
        }
    }

    @Override
    public void trainingEnded(TrainingSession session, Throwable failure) {
        if (failure == null && last != null && last.iteration() != lastStood) {
            stand(last.iteration());
        }
    }

    private void stand(long iteration) {
        StandingGenerator.stand(average, latentDim, batchSize, batches);
        lastStood = iteration;
    }
}
