package dev.jvmgan.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Squared Euclidean distances between the rows of two feature sets, a block of rows at a time, through one matrix
 * product per block: {@code ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a . b}, clamped at 0 where rounding makes it
 * slightly negative. Nearest-neighbour metrics on 10,000 vectors need 10^8 distances per pair of sets; a block of
 * {@value #BLOCK} rows against 10,000 holds 20 MB, so memory stays bounded whatever the set sizes.
 */
final class SquaredDistances implements AutoCloseable {
    static final int BLOCK = 256;
    private final INDArray rows;
    private final double[] squaredNorms;

    SquaredDistances(double[][] vectors) {
        rows = Nd4j.createFromArray(vectors);
        squaredNorms = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            double sum = 0;
            for (double v : vectors[i]) {
                sum += v * v;
            }
            squaredNorms[i] = sum;
        }
    }

    int count() {
        return squaredNorms.length;
    }

    /**
     * The squared distances from rows {@code from} to {@code to - 1} of this set to every row of {@code other}, row
     * major: entry {@code (i - from) * other.count() + j}.
     */
    double[] toRowsOf(SquaredDistances other, int from, int to) {
        int n = other.count();
        double[] out;
        INDArray block = rows.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        try (INDArray products = Nd4j.createUninitialized(rows.dataType(), new long[] {to - from, n}, 'c')) {
            block.mmul(other.rows.transpose(), products);
            out = products.data().asDouble();
        }
        for (int i = from; i < to; i++) {
            int offset = (i - from) * n;
            for (int j = 0; j < n; j++) {
                out[offset + j] = Math.max(0, squaredNorms[i] + other.squaredNorms[j] - 2 * out[offset + j]);
            }
        }
        return out;
    }

    @Override
    public void close() {
        rows.close();
    }
}
