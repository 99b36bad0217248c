package dev.jvmgan.eval;

/**
 * Eigenvalues (and optionally eigenvectors) of a real symmetric matrix by cyclic Jacobi rotations, in double
 * precision: {@code A = V diag(lambda) V^T}.
 *
 * <p>Why not commons-math's {@code EigenDecomposition}: its tridiagonal QL stops after 30 iterations per eigenvalue
 * and judges convergence locally ({@code |e[m]| + (|d[m]| + |d[m+1]|) == |d[m]| + |d[m+1]|}), so on a covariance of
 * low rank, whose eigenvalues past the rank are rounding noise around 0 (a generator that collapsed to a few
 * distinct images: 12 distinct feature vectors among 1,000 in 128 dimensions), it throws "convergence failed".
 * Jacobi rotations converge on every symmetric matrix (each rotation removes {@code 2 a_pq^2} from the
 * off-diagonal mass), and for positive semi-definite ones they find even the small eigenvalues to high relative
 * accuracy (Demmel and Veselić 1992).
 *
 * <p>A rotation of the pair (p, q) with {@code theta = (a_qq - a_pp) / (2 a_pq)},
 * {@code t = sign(theta) / (|theta| + sqrt(theta^2 + 1))}, {@code c = 1 / sqrt(t^2 + 1)}, {@code s = t c} zeroes
 * {@code a_pq}: {@code a_pp -= t a_pq}, {@code a_qq += t a_pq}, and for every other r
 * {@code a_rp = c a_rp - s a_rq}, {@code a_rq = s a_rp + c a_rq} (Numerical Recipes' {@code jacobi}). A pair is
 * rotated while {@code |a_pq| > n eps sqrt(|a_pp a_qq|)} (the relative criterion of Demmel and Veselić) and
 * {@code |a_pq| > eps^2 ||A||_F} (below that it is nothing but rounding); sweeps end when none is.
 */
final class SymmetricEigen {
    private static final double EPS = Math.ulp(1.0);
    /** Convergence is quadratic: a few sweeps suffice (about 10 for 128 x 128); this only bounds a bug. */
    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** The eigenvalues of {@code m}, in no particular order. Only the upper triangle of {@code m} is read. */
    static double[] values(double[][] m) {
        return decompose(m, false).values;
    }

    /** The eigenvalues and, as the columns of {@link #vectors()}, the eigenvectors of {@code m}. */
    static SymmetricEigen of(double[][] m) {
        return decompose(m, true);
    }

    /** {@code lambda[k]} belongs to column k of {@link #vectors()}. */
    double[] values() {
        return values.clone();
    }

    /** V, orthonormal, eigenvectors as columns. */
    double[][] vectors() {
        return vectors;
    }

    private static SymmetricEigen decompose(double[][] m, boolean withVectors) {
        int n = m.length;
        double[][] a = new double[n][n];
        double frobenius = 0;
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("not square: row " + i + " has " + m[i].length + " of " + n);
            }
            for (int j = i; j < n; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException("entry (" + i + ", " + j + ") is " + m[i][j]);
                }
                a[i][j] = m[i][j];
                a[j][i] = m[i][j];
                frobenius += (i == j ? 1 : 2) * m[i][j] * m[i][j];
            }
        }
        double[][] v = withVectors ? new double[n][n] : null;
        if (withVectors) {
            for (int i = 0; i < n; i++) {
                v[i][i] = 1;
            }
        }
        double floor = EPS * EPS * Math.sqrt(frobenius);
        double relative = n * EPS;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    double size = Math.abs(apq);
                    if (size <= floor || size <= relative * Math.sqrt(Math.abs(a[p][p] * a[q][q]))) {
                        continue;
                    }
                    rotated = true;
                    rotate(a, v, p, q);
                }
            }
            if (!rotated) {
                double[] lambda = new double[n];
                for (int i = 0; i < n; i++) {
                    lambda[i] = a[i][i];
                }
                return new SymmetricEigen(lambda, v);
            }
        }
        throw new IllegalStateException("Jacobi eigendecomposition of a " + n + " x " + n + " matrix did not converge "
                + "in " + MAX_SWEEPS + " sweeps; this is a bug, please report it with the matrix");
    }

    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int n = a.length;
        double apq = a[p][q];
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        // hypot, not sqrt(theta^2 + 1): theta may be large enough to overflow when squared.
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        a[p][p] -= t * apq;
        a[q][q] += t * apq;
        a[p][q] = 0;
        a[q][p] = 0;
        for (int r = 0; r < n; r++) {
            if (r == p || r == q) {
                continue;
            }
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = c * arp - s * arq;
            a[p][r] = a[r][p];
            a[r][q] = s * arp + c * arq;
            a[q][r] = a[r][q];
        }
        if (v != null) {
            for (int r = 0; r < n; r++) {
                double vrp = v[r][p];
                double vrq = v[r][q];
                v[r][p] = c * vrp - s * vrq;
                v[r][q] = s * vrp + c * vrq;
            }
        }
    }
}
