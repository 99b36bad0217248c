package dev.jvmgan.monitor;

/** What the training loop does when a rule fires: log a warning and go on, or stop (keeping the last good checkpoint). */
public enum AlertPolicy { WARN, STOP }
