/** The GAN training loop, its loss and label convention, and the listener interface that side effects hang off. */
package dev.jvmgan.train;
