/** The GAN training loop as phases (D's and G's loss, a penalty on D) over what D sees of each batch, the label convention, and the listener interface that side effects hang off. */
package dev.jvmgan.train;
