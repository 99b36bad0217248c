package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;

/**
 * DiffAugment's {@code rand_brightness}: {@code y = x + (r - 0.5)}, r ~ U[0, 1) per sample, the same shift for every
 * channel and pixel. Backward: {@code dx = dy}.
 */
record Brightness() implements Augmentation {

    @Override
    public Augmentation.Step draw(Images shape, RandomStream random) {
        double[] shift = new double[shape.batch()];
        for (int b = 0; b < shift.length; b++) {
            shift[b] = random.nextDouble() - 0.5;
        }
        return new Step(shift);
    }

    /** @param shift the added constant of each sample, in [-0.5, 0.5) */
    record Step(double[] shift) implements Augmentation.Step {
        @Override
        public void forward(Images x) {
            int perSample = x.channels() * x.plane();
            for (int b = 0; b < x.batch(); b++) {
                for (int k = b * perSample; k < (b + 1) * perSample; k++) {
                    x.values()[k] += shift[b];
                }
            }
        }

        @Override
        public void backward(Images gradient) {
            // A constant shift has the identity as Jacobian.
        }
    }
}
