/** The gan command line (picocli): train, sample, eval, inspect, bench and report, with exit codes 0 ok, 1 failure, 2 bad input. */
package dev.jvmgan.cli;
