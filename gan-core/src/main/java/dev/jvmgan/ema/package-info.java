/** The exponential moving average of the generator (StyleGAN2's G_ema): its decay per step from a half-life in images with a ramp-up, the update over a flat parameter array, and the average generator that follows G. */
package dev.jvmgan.ema;
