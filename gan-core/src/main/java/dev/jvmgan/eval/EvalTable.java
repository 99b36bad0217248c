package dev.jvmgan.eval;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Scores as a plain-text table, one row per scored set, with the sample counts in every row:
 * <pre>
 *   iteration       FD  KID                  precision  recall  density  coverage  n
 *         500   61.234  0.05123 +- 0.00210       0.612   0.321    0.812     0.543  10,000 vs 10,000
 * </pre>
 */
public final class EvalTable {
    private EvalTable() {
    }

    /** Rows labelled by iteration (checkpoints of one run). */
    public static String byIteration(List<Evaluation> evaluations) {
        return format("iteration", evaluations, e -> e.iteration() == null ? "-" : Long.toString(e.iteration()));
    }

    /** Rows labelled by what was scored (several runs, folders). */
    public static String bySubject(List<Evaluation> evaluations) {
        return format("scored", evaluations, Evaluation::subject);
    }

    static String format(String firstHeader, List<Evaluation> evaluations, Function<Evaluation, String> label) {
        int width = firstHeader.length();
        for (Evaluation e : evaluations) {
            width = Math.max(width, label.apply(e).length());
        }
        String header = "%-" + width + "s  %9s  %-20s  %9s  %6s  %7s  %8s  %s%n";
        String row = "%" + width + "s  %9.3f  %-20s  %9.3f  %6.3f  %7.3f  %8.3f  %,d vs %,d%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, header, firstHeader, "FD",
                "KID (mean +- std)", "precision", "recall", "density", "coverage", "n (generated vs real)"));
        for (Evaluation e : evaluations) {
            Scores s = e.scores();
            String kid = String.format(Locale.ROOT, "%.5f +- %.5f", s.kid().mean(), s.kid().std());
            PrecisionRecall p = s.prdc();
            out.append(String.format(Locale.ROOT, row, label.apply(e), s.fd(), kid, p.precision(), p.recall(),
                    p.density(), p.coverage(), s.fakeCount(), s.realCount()));
        }
        return out.toString();
    }
}
