package dev.jvmgan.penalty;

/**
 * What one penalty evaluation measured, for the metrics.
 *
 * @param penalty          the penalty P, a mean over the batch of per-sample terms, before any gain
 * @param meanGradientNorm the mean over the batch of ||grad_x D(x)|| at the penalty's points: near 1 is what
 *                         WGAN-GP asks for, near 0 what R1 pushes towards on real data
 */
public record PenaltyValue(double penalty, double meanGradientNorm) {
}
