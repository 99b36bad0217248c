/** Batch normalisation's running statistics: where they sit in a DL4J network's flat parameter and gradient arrays (so that regularisers and averages can leave them out, zero or copy them), and how to recompute them over many batches. */
package dev.jvmgan.batchnorm;
