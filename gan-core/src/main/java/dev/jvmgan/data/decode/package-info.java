/**
 * One image file, or one grey IDX image, to finished pixels: planar uint8 at the networks' square shape through one
 * crop-and-scale filter, with every file that cannot be used reported as a
 * {@link dev.jvmgan.data.decode.BadImageException} of a kind.
 */
package dev.jvmgan.data.decode;
