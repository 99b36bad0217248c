package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;

/**
 * {@value QualityAlerts#MODE_COLLAPSE}: recall &lt; {@code recallBelow} or coverage &lt; {@code coverageBelow}: the
 * generated images reach few of the real ones, whatever their precision (repeated real images have precision 0.8 to
 * 1.0 and recall 0). Fires when a score falls below, again only after a score above both (or a rollback). NaN scores
 * neither fire nor re-arm the rule.
 *
 * <p>Memory: whether the last score was collapsed.
 */
final class ModeCollapseRule implements QualityRule {
    private final double recallBelow;
    private final double coverageBelow;
    private boolean collapsed;

    ModeCollapseRule(double recallBelow, double coverageBelow) {
        this.recallBelow = recallBelow;
        this.coverageBelow = coverageBelow;
    }

    @Override
    public String name() {
        return QualityAlerts.MODE_COLLAPSE;
    }

    @Override
    public List<String> check(QualityCheck score) {
        if (Double.isNaN(score.recall()) || Double.isNaN(score.coverage())) {
            return List.of();
        }
        boolean was = collapsed;
        collapsed = score.recall() < recallBelow || score.coverage() < coverageBelow;
        if (!collapsed || was) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "mode collapse at iteration %d: recall %.3f (threshold %s), coverage "
                        + "%.3f (threshold %s): the generated images reach few of the real ones; consider a lower "
                        + "train.d.lr, train.augment or a penalty, or the rollback policy", score.iteration(),
                score.recall(), AlertText.plain(recallBelow), score.coverage(), AlertText.plain(coverageBelow)));
    }

    @Override
    public void rolledBack() {
        collapsed = false;
    }

    @Override
    public JsonNode saveState() {
        return JsonNodeFactory.instance.objectNode().put("collapsed", collapsed);
    }

    @Override
    public void restoreState(JsonNode state) {
        JsonNode saved = state.path("collapsed");
        if (!saved.isBoolean()) {
            throw new IllegalArgumentException(name() + ": state needs 'collapsed', true or false, got " + state);
        }
        collapsed = saved.booleanValue();
    }
}
