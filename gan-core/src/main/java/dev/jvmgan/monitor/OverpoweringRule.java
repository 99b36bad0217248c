package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;

/**
 * {@value AlertRules#D_OVERPOWERING}: D(x) &gt; {@code dRealAbove} and D(G(z)) &lt; {@code dFakeBelow} at
 * {@code checks} consecutive checks. Fires once when the streak reaches that length, and again only after the streak
 * has broken and formed anew.
 *
 * <p>Memory: the length of the current streak.
 */
final class OverpoweringRule implements AlertRule {
    private final double dRealAbove;
    private final double dFakeBelow;
    private final int checks;
    private int streak;

    OverpoweringRule(double dRealAbove, double dFakeBelow, int checks) {
        this.dRealAbove = dRealAbove;
        this.dFakeBelow = dFakeBelow;
        this.checks = checks;
    }

    @Override
    public String name() {
        return AlertRules.D_OVERPOWERING;
    }

    @Override
    public List<String> check(CheckSnapshot s) {
        boolean overpowered = s.dReal() > dRealAbove && s.dFake() < dFakeBelow;
        // Capped one past the length, so a long streak neither fires again nor overflows.
        streak = overpowered ? Math.min(streak + 1, checks + 1) : 0;
        if (streak != checks) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT,
                "D overpowers G at iteration %d: D(x) = %.3f > %s and D(G(z)) = %.3f < %s for %d consecutive checks; "
                        + "a D this sure passes G almost no gradient: consider a lower train.d.lr, a higher "
                        + "train.g.lr, or train.dStepsPerGStep 1",
                s.iteration(), s.dReal(), AlertText.plain(dRealAbove), s.dFake(), AlertText.plain(dFakeBelow),
                checks));
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
