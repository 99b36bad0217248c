/** Class conditioning inside DL4J graphs: conditional batch norm's per-class affine and the projection discriminator's inner product, as graph vertices. */
package dev.jvmgan.conditional;
