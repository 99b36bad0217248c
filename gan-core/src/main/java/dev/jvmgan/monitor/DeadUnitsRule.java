package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@value AlertRules#DEAD_UNITS}: a ReLU layer's neverPositiveFraction is above {@code deadFraction}. Fires when the
 * layer goes over, and again only after it has come back to or below the threshold: a warning repeated at every
 * check would bury the other output. Leaky and smooth layers are never alerted on: their never-positive units still
 * get gradient (alpha, or the smooth tail), so they are reported and charted but are no emergency.
 *
 * <p>Memory: the layers now over the threshold.
 */
final class DeadUnitsRule implements AlertRule {
    private final double deadFraction;
    private final Set<String> over = new TreeSet<>();

    DeadUnitsRule(double deadFraction) {
        this.deadFraction = deadFraction;
    }

    @Override
    public String name() {
        return AlertRules.DEAD_UNITS;
    }

    @Override
    public List<String> check(CheckSnapshot check) {
        List<String> messages = new ArrayList<>();
        for (LayerUnits u : check.units()) {
            if (u.type() != ActivationType.RELU) {
                continue;
            }
            double fraction = u.neverPositiveFraction();
            if (fraction > deadFraction && !over.contains(u.id())) {
                messages.add(String.format(Locale.ROOT,
                        "%s: %s%% of units (%d of %d) never positive (threshold %s%%) at iteration %d; ReLU units "
                                + "there get no gradient: consider leakyrelu (%s) or %s",
                        u.id(), AlertText.percent(fraction), u.neverPositive(), u.units(),
                        AlertText.percent(deadFraction), check.iteration(), AlertText.activationKey(u.network()),
                        AlertText.lowerLr(u.network())));
            }
            // NaN neither fires nor re-arms: it says nothing about the layer.
            if (fraction > deadFraction) {
                over.add(u.id());
            } else if (!Double.isNaN(fraction)) {
                over.remove(u.id());
            }
        }
        return messages;
    }

    @Override
    public JsonNode saveState() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        over.forEach(state.putArray("over")::add);
        return state;
    }

    @Override
    public void restoreState(JsonNode state) {
        JsonNode layers = state.path("over");
        if (!layers.isArray()) {
            throw new IllegalArgumentException(name() + ": state needs 'over', the layers over the threshold, got "
                    + state);
        }
        over.clear();
        layers.forEach(layer -> over.add(layer.asText()));
    }
}
