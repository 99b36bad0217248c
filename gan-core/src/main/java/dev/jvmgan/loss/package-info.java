/** The GAN losses (non-saturating, minimax, least squares, hinge, Wasserstein), each a value object that turns D's logits into a loss, its gradient and the figure the monitors show as D(x) or D(G(z)). */
package dev.jvmgan.loss;
