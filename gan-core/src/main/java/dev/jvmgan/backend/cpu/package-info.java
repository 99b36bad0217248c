/** Repairs of ND4J's CPU backend that subclass its classes, so they compile only with it (left out under -Pcuda). */
package dev.jvmgan.backend.cpu;
