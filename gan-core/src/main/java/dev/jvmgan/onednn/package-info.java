/** oneDNN's C API through JavaCPP's own preset (a copy of the library beside the one inside libnd4j): one engine and stream, descriptors, memories, primitives and reorders, each call checked. */
package dev.jvmgan.onednn;
