package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@value AlertRules#DEAD_RISING}: a ReLU layer's neverPositiveFraction rose by more than {@code deadRise} since its
 * previous check, f_now - f_previous &gt; deadRise (ReLU only, as for {@link DeadUnitsRule}). Fires at every such jump.
 *
 * <p>Memory: each ReLU layer's fraction and iteration at its previous check.
 */
final class DeadRisingRule implements AlertRule {
    private final double deadRise;
    private final Map<String, Previous> previous = new TreeMap<>();

    private record Previous(double fraction, long iteration) {
    }

    DeadRisingRule(double deadRise) {
        this.deadRise = deadRise;
    }

    @Override
    public String name() {
        return AlertRules.DEAD_RISING;
    }

    @Override
    public List<String> check(CheckSnapshot check) {
        List<String> messages = new ArrayList<>();
        for (LayerUnits u : check.units()) {
            if (u.type() != ActivationType.RELU) {
                continue;
            }
            double fraction = u.neverPositiveFraction();
            Previous last = previous.get(u.id());
            if (last != null && fraction - last.fraction() > deadRise) {
                messages.add(String.format(Locale.ROOT,
                        "%s: dead units rose from %s%% to %s%% (+%s points, threshold +%s) between iterations %d and "
                                + "%d; ReLU units there are dying: consider %s or leakyrelu (%s)",
                        u.id(), AlertText.percent(last.fraction()), AlertText.percent(fraction),
                        AlertText.percent(fraction - last.fraction()), AlertText.percent(deadRise),
                        last.iteration(), check.iteration(), AlertText.lowerLr(u.network()),
                        AlertText.activationKey(u.network())));
            }
            previous.put(u.id(), new Previous(fraction, check.iteration()));
        }
        return messages;
    }

    @Override
    public JsonNode saveState() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        ObjectNode layers = state.putObject("previous");
        // A NaN fraction is kept as Jackson writes it, the string "NaN", which asDouble() reads back as NaN.
        previous.forEach((layer, p) -> layers.putObject(layer).put("fraction", p.fraction())
                .put("iteration", p.iteration()));
        return state;
    }

    @Override
    public void restoreState(JsonNode state) {
        JsonNode layers = state.path("previous");
        if (!layers.isObject()) {
            throw new IllegalArgumentException(name() + ": state needs 'previous', each ReLU layer's last fraction, "
                    + "got " + state);
        }
        previous.clear();
        layers.fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            if (!p.has("fraction") || !p.path("iteration").canConvertToLong()) {
                throw new IllegalArgumentException(name() + ": " + e.getKey() + " needs 'fraction' and 'iteration', "
                        + "got " + p);
            }
            previous.put(e.getKey(), new Previous(p.get("fraction").asDouble(), p.get("iteration").asLong()));
        });
    }
}
