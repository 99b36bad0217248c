/** The terminal: log lines and the one progress line below them share standard error without overwriting each other. */
package dev.jvmgan.console;
