package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;

/**
 * DiffAugment's {@code rand_translation}: each sample moves by whole pixels, what moves in is zero,
 * <pre>
 *   y[c, i, j] = x[c, i + ty, j + tx]  if 0 &lt;= i + ty &lt; H and 0 &lt;= j + tx &lt; W,  else 0
 *   ty ~ U{-sh, ..., sh},  tx ~ U{-sw, ..., sw},  sh = int(H ratio + 0.5),  sw = int(W ratio + 0.5)
 *   dx[c, p, q] = dy[c, p - ty, q - tx]  where that is inside the image, else 0   (the shift back)
 * </pre>
 * as the reference implementation's clamped index into a one-pixel zero padding does (its {@code translation_x}
 * runs along the rows, here {@code ty}). With {@code ratio} 1/8: at most 4 pixels on 32x32, 8 on 64x64, and 4 on
 * 28x28, where the older reference's {@code H // 8} gives 3.
 *
 * @param ratio the largest shift as a fraction of the image side, in [0, 1)
 */
record Translation(double ratio) implements Augmentation {

    Translation {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("translation ratio must be in [0, 1), got " + ratio);
        }
    }

    static int maxShift(int side, double ratio) {
        return (int) (side * ratio + 0.5);
    }

    @Override
    public Augmentation.Step draw(Images shape, RandomStream random) {
        int sh = maxShift(shape.height(), ratio);
        int sw = maxShift(shape.width(), ratio);
        int[] rows = new int[shape.batch()];
        int[] columns = new int[shape.batch()];
        for (int b = 0; b < rows.length; b++) {
            rows[b] = random.nextInt(-sh, sh);
        }
        for (int b = 0; b < columns.length; b++) {
            columns[b] = random.nextInt(-sw, sw);
        }
        return new Step(rows, columns);
    }

    /** @param rows ty of each sample; @param columns tx of each sample */
    record Step(int[] rows, int[] columns) implements Augmentation.Step {
        @Override
        public void forward(Images x) {
            shift(x, 1);
        }

        @Override
        public void backward(Images gradient) {
            shift(gradient, -1);
        }

        private void shift(Images a, int direction) {
            double[] v = a.values();
            double[] plane = new double[a.plane()];
            int h = a.height();
            int w = a.width();
            for (int b = 0; b < a.batch(); b++) {
                int ty = direction * rows[b];
                int tx = direction * columns[b];
                for (int c = 0; c < a.channels(); c++) {
                    int start = a.start(b, c);
                    System.arraycopy(v, start, plane, 0, plane.length);
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) {
                            int si = i + ty;
                            int sj = j + tx;
                            v[start + i * w + j] = si >= 0 && si < h && sj >= 0 && sj < w ? plane[si * w + sj] : 0;
                        }
                    }
                }
            }
        }
    }
}
