/** The only place that runs DL4J's training mechanics (passes, gradients, updates): the narrow forward/backward/update seam the training loop drives, and native backend start-up. */
package dev.jvmgan.backend;
