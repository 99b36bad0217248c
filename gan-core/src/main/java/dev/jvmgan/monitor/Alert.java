package dev.jvmgan.monitor;

import java.util.Objects;

/**
 * One fired rule.
 *
 * @param rule      the rule's name, one of the {@link AlertRules} constants
 * @param policy    what to do about it
 * @param iteration the check's iteration
 * @param message   what happened, with layer and numbers, and what to try
 */
public record Alert(String rule, AlertPolicy policy, long iteration, String message) {
    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(message, "message");
    }
}
