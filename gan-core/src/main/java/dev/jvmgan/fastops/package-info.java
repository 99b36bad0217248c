/** Faster stand-ins for ND4J 1.0.0-M2.1 operations that are slow on the CPU or compute more than the step needs, each checked against DL4J's own, and the scratch arrays they share. */
package dev.jvmgan.fastops;
