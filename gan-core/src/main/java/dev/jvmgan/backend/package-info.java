/** The only place that knows DL4J mechanics: the narrow forward/backward/update seam the training loop drives, and native backend start-up. */
package dev.jvmgan.backend;
