/** Turning generator output (NCHW arrays in [-1, 1]) into pictures: sample grids and atomically written PNG files. */
package dev.jvmgan.image;
