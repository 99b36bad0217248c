package dev.jvmgan.monitor;

/**
 * What the training loop does when a rule fires: log a warning and go on, stop (keeping the last good checkpoint),
 * or, for the quality rules ({@link QualityAlerts}) only, roll back to {@code best.zip} with lower learning rates.
 */
public enum AlertPolicy { WARN, STOP, ROLLBACK }
