/** The look of every PNG chart a run writes: a palette readable on white, and lines that stay visible when they coincide. */
package dev.jvmgan.chart;
