package dev.jvmgan.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets (Heusel et al. 2017, the "FID" when the
 * features are Inception's):
 * <pre>
 *   FD = ||mu1 - mu2||^2 + tr(S1) + tr(S2) - 2 tr( (S1^(1/2) S2 S1^(1/2))^(1/2) )
 * </pre>
 * {@code tr((S1 S2)^(1/2))} of the usual formula equals the last trace, since {@code S1 S2} is similar to the
 * symmetric positive semi-definite {@code S1^(1/2) S2 S1^(1/2)}. Both square roots come from symmetric
 * eigendecompositions ({@link SymmetricEigen}, Jacobi rotations), with eigenvalues that rounding made slightly
 * negative clamped to 0; a general matrix square root ({@code scipy.linalg.sqrtm}, as pytorch-fid uses) can return
 * complex parts and needs an epsilon added to the diagonals when a covariance is singular, which this route never
 * does. Singular covariances are the rule, not the exception (fewer images than dimensions, or a generator that
 * collapsed to a few distinct images), and the decomposition handles them. Everything is in double precision.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** FD between the Gaussians of two feature sets (rows are images). */
    public static double between(double[][] a, double[][] b) {
        return between(FeatureMoments.of(a), FeatureMoments.of(b));
    }

    /** FD between two fitted Gaussians of the same dimension. */
    public static double between(FeatureMoments a, FeatureMoments b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("features of " + a.dimension() + " and " + b.dimension()
                    + " dimensions cannot be compared");
        }
        double meanTerm = 0;
        for (int j = 0; j < a.dimension(); j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        RealMatrix s1 = new Array2DRowRealMatrix(a.covariance());
        RealMatrix s2 = new Array2DRowRealMatrix(b.covariance());
        RealMatrix root1 = symmetricSqrt(s1);
        RealMatrix inner = root1.multiply(s2).multiply(root1);
        double traceOfRoot = 0;
        for (double lambda : SymmetricEigen.values(symmetrised(inner).getData())) {
            traceOfRoot += Math.sqrt(Math.max(0, lambda));
        }
        return meanTerm + s1.getTrace() + s2.getTrace() - 2 * traceOfRoot;
    }

    /** V diag(sqrt(max(lambda, 0))) V^T of a symmetric positive semi-definite matrix. */
    static RealMatrix symmetricSqrt(RealMatrix m) {
        SymmetricEigen eig = SymmetricEigen.of(symmetrised(m).getData());
        RealMatrix v = new Array2DRowRealMatrix(eig.vectors(), false);
        double[] lambda = eig.values();
        int d = lambda.length;
        double[][] scaled = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                scaled[i][k] = v.getEntry(i, k) * Math.sqrt(Math.max(0, lambda[k]));
            }
        }
        return new Array2DRowRealMatrix(scaled, false).multiply(v.transpose());
    }

    /** (M + M^T) / 2: removes the asymmetry that products add by rounding, so the symmetric solver applies. */
    private static RealMatrix symmetrised(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }
}
