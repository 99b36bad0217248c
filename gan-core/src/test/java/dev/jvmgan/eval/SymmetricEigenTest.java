package dev.jvmgan.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Jacobi eigendecomposition against matrices built from their eigenvalues: A = Q diag(lambda) Q^T. */
class SymmetricEigenTest {
    /** A random orthogonal matrix: Q of the QR decomposition of a seeded Gaussian matrix. */
    private static RealMatrix orthogonal(int n, long seed) {
        return new QRDecomposition(new Array2DRowRealMatrix(FrechetDistanceTest.samples(n, n, 0, 1, seed))).getQ();
    }

    private static double[][] built(double[] lambda, RealMatrix q) {
        double[][] diag = new double[lambda.length][lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            diag[i][i] = lambda[i];
        }
        return q.multiply(new Array2DRowRealMatrix(diag, false)).multiply(q.transpose()).getData();
    }

    @Test
    void findsTheEigenvaluesOfALowRankMatrixWithTheRestAtZero() {
        // Rank 3 in 40 dimensions, as a collapsed generator's covariance: 37 eigenvalues are 0 up to rounding.
        double[] lambda = new double[40];
        lambda[0] = 7;
        lambda[1] = 2e-3;
        lambda[2] = 3e-6;
        double[] found = SymmetricEigen.values(built(lambda, orthogonal(40, 11)));
        Arrays.sort(found);
        Arrays.sort(lambda);
        for (int i = 0; i < lambda.length; i++) {
            assertThat(found[i]).as("eigenvalue %d", i).isCloseTo(lambda[i], within(1e-14 * 7));
        }
    }

    @Test
    void theVectorsAreOrthonormalAndDecomposeTheMatrix() {
        double[] lambda = {4, 4, 1, 0.5, 0, 0, 1e-9, 3};
        double[][] a = built(lambda, orthogonal(lambda.length, 12));
        SymmetricEigen eig = SymmetricEigen.of(a);
        RealMatrix v = new Array2DRowRealMatrix(eig.vectors());
        double[] found = eig.values();
        RealMatrix vtv = v.transpose().multiply(v);
        RealMatrix av = new Array2DRowRealMatrix(a).multiply(v);
        for (int i = 0; i < lambda.length; i++) {
            for (int k = 0; k < lambda.length; k++) {
                assertThat(vtv.getEntry(i, k)).isCloseTo(i == k ? 1 : 0, within(1e-13));
                // Column k of A V is lambda_k times column k of V.
                assertThat(av.getEntry(i, k)).isCloseTo(found[k] * v.getEntry(i, k), within(1e-13));
            }
        }
        Arrays.sort(found);
        Arrays.sort(lambda);
        assertThat(found).containsExactly(lambda, within(1e-13));
    }

    @Test
    void aZeroMatrixAndADiagonalOneNeedNoRotation() {
        assertThat(SymmetricEigen.values(new double[3][3])).containsExactly(0, 0, 0);
        assertThat(SymmetricEigen.values(new double[][] {{2, 0}, {0, -1}})).containsExactly(2, -1);
    }
}
