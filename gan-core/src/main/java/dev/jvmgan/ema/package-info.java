/** The exponential moving average of the generator's parameters (StyleGAN2's G_ema): its decay per step from a half-life in images with a ramp-up, and the update over a flat parameter array. */
package dev.jvmgan.ema;
