package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;

/**
 * {@value AlertRules#G_GRADIENT_VANISHING}: gSignal &lt; {@code gSignalBelow}. Fires when the signal drops below,
 * again only after it has recovered. A NaN signal neither fires nor re-arms the rule.
 *
 * <p>Memory: whether the signal is below the threshold now.
 */
final class GradientVanishingRule implements AlertRule {
    private final double gSignalBelow;
    private boolean low;

    GradientVanishingRule(double gSignalBelow) {
        this.gSignalBelow = gSignalBelow;
    }

    @Override
    public String name() {
        return AlertRules.G_GRADIENT_VANISHING;
    }

    @Override
    public List<String> check(CheckSnapshot s) {
        boolean wasLow = low;
        if (!Double.isNaN(s.gSignal())) {
            low = s.gSignal() < gSignalBelow;
        }
        if (!low || wasLow) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT,
                "G's gradient is vanishing at iteration %d: mean per-sample norm of dLoss/dG(z) is %.2e (threshold "
                        + "%.2e) with D(x) = %.3f, D(G(z)) = %.3f; G is barely learning: consider a lower train.d.lr "
                        + "or a higher train.g.lr",
                s.iteration(), s.gSignal(), gSignalBelow, s.dReal(), s.dFake()));
    }

    @Override
    public JsonNode saveState() {
        return JsonNodeFactory.instance.objectNode().put("low", low);
    }

    @Override
    public void restoreState(JsonNode state) {
        JsonNode saved = state.path("low");
        if (!saved.isBoolean()) {
            throw new IllegalArgumentException(name() + ": state needs 'low', true or false, got " + state);
        }
        low = saved.booleanValue();
    }
}
