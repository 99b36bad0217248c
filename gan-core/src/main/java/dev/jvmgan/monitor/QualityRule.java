package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One rule over the quality scores during training, as {@link AlertRule} is over the monitors' checks: judges each
 * score in turn and remembers only what it needs to decide (a streak, a best value, a flag), all of which a
 * checkpoint carries so that a resumed run fires exactly as an uninterrupted one.
 */
interface QualityRule {

    /** The rule's name, as in {@code monitors.alerts.policy} and the {@code alert} records. */
    String name();

    /** Judges one score and updates the memory; one message per alert (none, mostly). */
    List<String> check(QualityCheck score);

    /**
     * After a rollback to {@code best.zip}: forget the run of bad scores that led to it, keep what still holds (the
     * best score, which the restored checkpoint is).
     */
    void rolledBack();

    JsonNode saveState();

    /** @throws IllegalArgumentException if the state does not fit, naming the rule and what is wrong */
    void restoreState(JsonNode state);
}
