package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;

/**
 * DiffAugment's {@code rand_contrast}: every value moves away from or toward the sample's mean,
 * <pre>
 *   y = (x - m) s + m,   m = mean of the sample over channels, rows and columns,   s = r + 0.5, r ~ U[0, 1)
 *   dx = s dy + (1 - s) mean(dy)     (mean over the same sample), the Jacobian being symmetric
 * </pre>
 */
record Contrast() implements Augmentation {

    @Override
    public Augmentation.Step draw(Images shape, RandomStream random) {
        double[] factor = new double[shape.batch()];
        for (int b = 0; b < factor.length; b++) {
            factor[b] = random.nextDouble() + 0.5;
        }
        return new Step(factor);
    }

    /** @param factor s of each sample, in [0.5, 1.5) */
    record Step(double[] factor) implements Augmentation.Step {
        @Override
        public void forward(Images x) {
            mixWithSampleMean(x);
        }

        @Override
        public void backward(Images gradient) {
            mixWithSampleMean(gradient);
        }

        private void mixWithSampleMean(Images a) {
            double[] v = a.values();
            int perSample = a.channels() * a.plane();
            for (int b = 0; b < a.batch(); b++) {
                double mean = 0;
                for (int k = b * perSample; k < (b + 1) * perSample; k++) {
                    mean += v[k];
                }
                mean /= perSample;
                for (int k = b * perSample; k < (b + 1) * perSample; k++) {
                    v[k] = (v[k] - mean) * factor[b] + mean;
                }
            }
        }
    }
}
