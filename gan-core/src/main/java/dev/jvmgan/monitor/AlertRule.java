package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One alert rule: looks at each check in turn and says what is wrong, if anything. A rule remembers across checks
 * only what it needs to decide (a streak, whether a layer is already over its threshold, a layer's last figure),
 * never the checks themselves: that memory goes into every checkpoint, so it must not grow with training, and a
 * resumed run must fire exactly as an uninterrupted one (so it must hold all of it). {@link AlertRules} runs the
 * rules in order and turns their messages into {@link Alert}s with the rule's policy.
 *
 * <p>Adding a rule: a class like {@link OverpoweringRule}; its name in {@link AlertRules#RULES} and in the config's
 * {@code AlertConfig.RULES}, its thresholds in {@link AlertRules.Thresholds} and {@code AlertConfig}; an instance in
 * {@code AlertRules}' list; and its memory in the script of {@code AlertRulesResumeTest}.
 */
interface AlertRule {

    /** The rule's name, as in {@code monitors.alerts.policy} and the {@code alert} records. */
    String name();

    /**
     * Judges one check and updates the rule's memory.
     *
     * @return what happened, with layer and numbers, and what to try: one message per alert (none, mostly)
     */
    List<String> check(CheckSnapshot check);

    /** The rule's memory, for a checkpoint: bounded by the number of layers, not of checks. */
    JsonNode saveState();

    /**
     * Replaces the memory with a saved {@link #saveState()}.
     *
     * @throws IllegalArgumentException if the state does not fit, naming the rule and what is wrong
     */
    void restoreState(JsonNode state);
}
