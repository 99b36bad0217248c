/** Builds the generator and discriminator networks: the built-in DCGAN and MLP, users' architectures found through the {@code Architecture} registry, and the Leaky ReLU activation family mapped onto DL4J. */
package dev.jvmgan.model;
