/** G's and D's convolutions computed by the project's own oneDNN primitives, in float32 or (mixed precision) bfloat16, instead of ND4J's convolution ops. */
package dev.jvmgan.convolution;
