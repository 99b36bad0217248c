/** Gradient penalties on D's input gradient (R1, WGAN-GP) whose parameter gradient is a central finite difference of two ordinary backward passes, since DL4J cannot differentiate a gradient. */
package dev.jvmgan.penalty;
