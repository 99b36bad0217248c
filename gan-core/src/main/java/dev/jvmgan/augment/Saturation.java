package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;

/**
 * DiffAugment's {@code rand_color} (saturation): each pixel's channels move away from or toward their mean,
 * <pre>
 *   y_c = (x_c - m) s + m,   m = (1/C) sum_c x_c  (per sample and pixel),   s = 2 r, r ~ U[0, 1) per sample
 *   dx_k = s dy_k + (1 - s) (1/C) sum_c dy_c        since dy_c/dx_k = s [c = k] + (1 - s)/C
 * </pre>
 * s = 0 turns the image grey, s = 1 leaves it, s near 2 doubles the saturation. One channel: the identity.
 */
record Saturation() implements Augmentation {

    @Override
    public Augmentation.Step draw(Images shape, RandomStream random) {
        double[] factor = new double[shape.batch()];
        for (int b = 0; b < factor.length; b++) {
            factor[b] = random.nextDouble() * 2;
        }
        return new Step(factor);
    }

    /** @param factor s of each sample, in [0, 2) */
    record Step(double[] factor) implements Augmentation.Step {
        @Override
        public void forward(Images x) {
            mixWithChannelMean(x);
        }

        @Override
        public void backward(Images gradient) {
            // The map is symmetric in (c, k), so its transpose is itself.
            mixWithChannelMean(gradient);
        }

        private void mixWithChannelMean(Images a) {
            double[] v = a.values();
            for (int b = 0; b < a.batch(); b++) {
                double s = factor[b];
                for (int p = 0; p < a.plane(); p++) {
                    double mean = 0;
                    for (int c = 0; c < a.channels(); c++) {
                        mean += v[a.start(b, c) + p];
                    }
                    mean /= a.channels();
                    for (int c = 0; c < a.channels(); c++) {
                        int k = a.start(b, c) + p;
                        v[k] = (v[k] - mean) * s + mean;
                    }
                }
            }
        }
    }
}
