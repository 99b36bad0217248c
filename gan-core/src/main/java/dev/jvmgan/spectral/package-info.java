/** Spectral normalisation of a weight (Miyato et al. 2018, as torch.nn.utils.spectral_norm): power iteration, W / sigma in the forward pass, and the gradient through sigma. */
package dev.jvmgan.spectral;
