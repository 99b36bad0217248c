/** Differentiable, seeded transforms of D's input images (DiffAugment's color, translation and cutout; annealed instance noise), each with an exact backward pass so G learns through them. */
package dev.jvmgan.augment;
