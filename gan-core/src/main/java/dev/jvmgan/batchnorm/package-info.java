/** Where batch normalisation's running statistics sit in a DL4J network's flat parameter and gradient arrays, so that regularisers and averages can leave them out, zero or copy them. */
package dev.jvmgan.batchnorm;
