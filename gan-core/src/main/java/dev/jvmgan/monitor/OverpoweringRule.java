package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jvmgan.loss.OverpowerThresholds;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@value AlertRules#D_OVERPOWERING}: D(x) &gt; {@code dRealAbove} and D(G(z)) &lt; {@code dFakeBelow} at
 * {@code checks} consecutive checks, both on the loss's own scale (see {@link dev.jvmgan.loss.GanLoss#overpowering()}:
 * a probability for ns and minimax, a raw output for lsgan and hinge). Fires once when the streak reaches that
 * length, and again only after the streak has broken and formed anew. Without thresholds (a Wasserstein critic,
 * whose scores have no absolute meaning) it never fires.
 *
 * <p>Memory: the length of the current streak.
 */
final class OverpoweringRule implements AlertRule {
    private final Optional<OverpowerThresholds> thresholds;
    private final int checks;
    private int streak;

    OverpoweringRule(Optional<OverpowerThresholds> thresholds, int checks) {
        this.thresholds = thresholds;
        this.checks = checks;
    }

    @Override
    public String name() {
        return AlertRules.D_OVERPOWERING;
    }

    @Override
    public List<String> check(CheckSnapshot s) {
        if (thresholds.isEmpty()) {
            return List.of();
        }
        double dRealAbove = thresholds.get().realAbove();
        double dFakeBelow = thresholds.get().fakeBelow();
        boolean overpowered = s.dReal() > dRealAbove && s.dFake() < dFakeBelow;
        // Capped one past the length, so a long streak neither fires again nor overflows.
        streak = overpowered ? Math.min(streak + 1, checks + 1) : 0;
        if (streak != checks) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT,
                "D overpowers G at iteration %d: D(x) = %.3f > %s and D(G(z)) = %.3f < %s (%s) for %d consecutive "
                        + "checks; a D this sure of itself gives G a poor signal: consider a lower train.d.lr, a "
                        + "higher train.g.lr, train.dStepsPerGStep 1, or a penalty on D (train.penalty)",
                s.iteration(), s.dReal(), AlertText.plain(dRealAbove), s.dFake(), AlertText.plain(dFakeBelow),
                DOutputs.what(s.dOutputs()), checks));
    }

    @Override
    public JsonNode saveState() {
        return JsonNodeFactory.instance.objectNode().put("streak", streak);
    }

    @Override
    public void restoreState(JsonNode state) {
        JsonNode saved = state.path("streak");
        if (!saved.canConvertToInt() || saved.asInt() < 0) {
            throw new IllegalArgumentException(name() + ": state needs 'streak', a count of checks >= 0, got " + state);
        }
        // A checkpoint of a run with a longer overpowerChecks may hold a longer streak; past the length it is all one.
        streak = Math.min(saved.asInt(), checks + 1);
    }
}
