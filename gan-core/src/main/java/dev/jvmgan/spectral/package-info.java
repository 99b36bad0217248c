/** Spectral normalisation of a weight (Miyato et al. 2018, as torch.nn.utils.spectral_norm): power iteration, W / sigma in the forward pass, the gradient through sigma, and which DL4J layers it applies to. */
package dev.jvmgan.spectral;
