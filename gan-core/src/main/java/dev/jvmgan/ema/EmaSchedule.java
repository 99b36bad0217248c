package dev.jvmgan.ema;

/**
 * How fast the generator's moving average forgets, as StyleGAN2-ADA's {@code ema_kimg} and {@code ema_rampup}:
 * <pre>
 *   h    = halfLifeImages                          images after which an old parameter value weighs half
 *   h'   = min(h, imagesSeen * rampUp)             with a ramp-up; h' = h without one
 *   beta = 0.5 ^ (batch / max(h', 1e-8))           the weight of the old average at one step of batch images
 * </pre>
 * so after h' images (h'/batch steps) an old value's weight is 0.5. {@code imagesSeen} counts the images of the
 * steps before this one (StyleGAN2's {@code cur_nimg} before its increment), so the first update has h' = 0 and
 * beta = 0: the average starts as a copy of G. The ramp-up keeps the average short while G changes fast early on:
 * with rampUp 0.05 the half-life is 5% of the images seen, until that reaches h.
 *
 * @param halfLifeImages h, in images, &gt; 0 (StyleGAN2: 10,000 = 10 kimg; DCGAN-sized runs: a few thousand)
 * @param rampUp         the ramp-up fraction, &gt; 0 (StyleGAN2-ADA: 0.05), or {@link Double#NaN} for none
 */
public record EmaSchedule(double halfLifeImages, double rampUp) {
    /** StyleGAN2-ADA's floor on the half-life, which makes beta 0 (not NaN) when it is 0. */
    private static final double MIN_HALF_LIFE = 1e-8;

    public EmaSchedule {
        if (!(halfLifeImages > 0) || Double.isInfinite(halfLifeImages)) {
            throw new IllegalArgumentException("halfLifeImages: must be finite and > 0, got " + halfLifeImages);
        }
        if (!Double.isNaN(rampUp) && !(rampUp > 0 && Double.isFinite(rampUp))) {
            throw new IllegalArgumentException("rampUp: must be finite and > 0, or absent, got " + rampUp);
        }
    }

    /** Without ramp-up: the half-life is h from the first step. */
    public static EmaSchedule withoutRampUp(double halfLifeImages) {
        return new EmaSchedule(halfLifeImages, Double.NaN);
    }

    /** The half-life h' at a step that follows {@code imagesSeen} images. */
    public double halfLife(long imagesSeen) {
        if (imagesSeen < 0) {
            throw new IllegalArgumentException("imagesSeen must be >= 0, got " + imagesSeen);
        }
        return Double.isNaN(rampUp) ? halfLifeImages : Math.min(halfLifeImages, imagesSeen * rampUp);
    }

    /** beta = 0.5 ^ (batch / max(h', 1e-8)) for a step of {@code batch} images after {@code imagesSeen}. */
    public double beta(int batch, long imagesSeen) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        return Math.pow(0.5, batch / Math.max(halfLife(imagesSeen), MIN_HALF_LIFE));
    }
}
