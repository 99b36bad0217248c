package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;

/**
 * DiffAugment's {@code rand_cutout}: each sample gets one rectangle of zeros, the same in every channel,
 * <pre>
 *   ch = int(H ratio + 0.5),  cw = int(W ratio + 0.5)                          the rectangle's size
 *   oy ~ U{0, ..., H - (ch mod 2)},  ox ~ U{0, ..., W - (cw mod 2)}             its centre
 *   rows [oy - floor(ch/2), oy - floor(ch/2) + ch) and columns [ox - floor(cw/2), ...) within the image are zeroed
 *   y = x * mask,   dx = dy * mask
 * </pre>
 * as the reference implementation's clamped index grid does (clamping only repeats rows already inside the
 * rectangle). The rectangle may hang over an edge, so less than ch x cw may be cut.
 *
 * @param ratio the rectangle's side as a fraction of the image's, in (0, 1]
 */
record Cutout(double ratio) implements Augmentation {

    Cutout {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("cutout ratio must be in (0, 1], got " + ratio);
        }
    }

    static int size(int side, double ratio) {
        return (int) (side * ratio + 0.5);
    }

    @Override
    public Augmentation.Step draw(Images shape, RandomStream random) {
        int ch = size(shape.height(), ratio);
        int cw = size(shape.width(), ratio);
        int[] top = new int[shape.batch()];
        int[] left = new int[shape.batch()];
        for (int b = 0; b < top.length; b++) {
            top[b] = random.nextInt(shape.height() + 1 - ch % 2) - ch / 2;
        }
        for (int b = 0; b < left.length; b++) {
            left[b] = random.nextInt(shape.width() + 1 - cw % 2) - cw / 2;
        }
        return new Step(top, left, ch, cw);
    }

    /**
     * @param top    first zeroed row of each sample (may be negative: the rectangle hangs over the edge)
     * @param left   first zeroed column of each sample
     * @param height rows in the rectangle
     * @param width  columns in the rectangle
     */
    record Step(int[] top, int[] left, int height, int width) implements Augmentation.Step {
        @Override
        public void forward(Images x) {
            zeroRectangles(x);
        }

        @Override
        public void backward(Images gradient) {
            zeroRectangles(gradient);
        }

        private void zeroRectangles(Images a) {
            double[] v = a.values();
            for (int b = 0; b < a.batch(); b++) {
                int rowEnd = Math.min(a.height(), top[b] + height);
                int columnEnd = Math.min(a.width(), left[b] + width);
                for (int c = 0; c < a.channels(); c++) {
                    int start = a.start(b, c);
                    for (int i = Math.max(0, top[b]); i < rowEnd; i++) {
                        for (int j = Math.max(0, left[b]); j < columnEnd; j++) {
                            v[start + i * a.width() + j] = 0;
                        }
                    }
                }
            }
        }
    }
}
