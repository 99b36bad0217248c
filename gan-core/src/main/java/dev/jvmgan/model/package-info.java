/** Builds the generator and discriminator networks (DCGAN, MLP) and maps the Leaky ReLU activation family onto DL4J. */
package dev.jvmgan.model;
