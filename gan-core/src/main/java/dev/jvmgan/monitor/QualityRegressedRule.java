package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;

/**
 * {@value QualityAlerts#QUALITY_REGRESSED}: the Fréchet distance stayed above its lowest so far by more than a
 * fraction, FD &gt; (1 + fdRegression) FD_best, at {@code regressionEvals} consecutive scores. Fires when the streak
 * reaches that length, then counts a new streak. A NaN FD neither counts nor breaks a streak.
 *
 * <p>Memory: the lowest FD and its iteration, and the current streak.
 */
final class QualityRegressedRule implements QualityRule {
    private final double fdRegression;
    private final int regressionEvals;
    private double bestFd = Double.NaN;
    private long bestIteration = -1;
    private int streak;

    QualityRegressedRule(double fdRegression, int regressionEvals) {
        this.fdRegression = fdRegression;
        this.regressionEvals = regressionEvals;
    }

    @Override
    public String name() {
        return QualityAlerts.QUALITY_REGRESSED;
    }

    @Override
    public List<String> check(QualityCheck score) {
        double fd = score.fd();
        if (Double.isNaN(fd)) {
            return List.of();
        }
        if (Double.isNaN(bestFd) || fd < bestFd) {
            bestFd = fd;
            bestIteration = score.iteration();
            streak = 0;
            return List.of();
        }
        if (fd <= (1 + fdRegression) * bestFd) {
            streak = 0;
            return List.of();
        }
        streak++;
        if (streak < regressionEvals) {
            return List.of();
        }
        streak = 0;
        return List.of(String.format(Locale.ROOT, "quality regressed: FD %.3f at iteration %d is more than %s%% above "
                        + "the best, %.3f at iteration %d, for %d scores in a row; training is moving away from the "
                        + "data: consider a lower train.d.lr and train.g.lr, or the rollback policy", fd,
                score.iteration(), AlertText.percent(fdRegression), bestFd, bestIteration, regressionEvals));
    }

    @Override
    public void rolledBack() {
        streak = 0;
    }

    @Override
    public JsonNode saveState() {
        // A NaN best (no score yet) is kept as Jackson writes it, the string "NaN", which asDouble() reads back.
        return JsonNodeFactory.instance.objectNode().put("bestFd", bestFd).put("bestIteration", bestIteration)
                .put("streak", streak);
    }

    @Override
    public void restoreState(JsonNode state) {
        if (!state.has("bestFd") || !state.path("bestIteration").canConvertToLong()
                || !state.path("streak").canConvertToInt()) {
            throw new IllegalArgumentException(name() + ": state needs 'bestFd', 'bestIteration' and 'streak', got "
                    + state);
        }
        bestFd = state.get("bestFd").asDouble();
        bestIteration = state.get("bestIteration").asLong();
        streak = state.get("streak").asInt();
    }
}
