/** Mixed precision: G's and D's convolutions computed in bfloat16 by oneDNN, with float32 weights, activations and gradients around them. */
package dev.jvmgan.precision;
