package dev.jvmgan.config;

/**
 * The generator's exponential moving average (StyleGAN2's {@code G_ema}, its {@code ema_kimg} and
 * {@code ema_rampup}): a copy of G whose parameters follow G's with a half-life counted in images, which sample grids,
 * {@code gan sample} and {@code gan eval} then draw from. Off by default; training itself never reads it.
 *
 * <pre>
 *   h' = min(halfLifeImages, imagesSeen * rampUp)     (h' = halfLifeImages when rampUp is 0)
 *   after each G update of B images:  ema = param + beta (ema - param),   beta = 0.5 ^ (B / h')
 * </pre>
 *
 * @param halfLifeImages images after which an old parameter value weighs half; 0 turns the average off (StyleGAN2:
 *                       10,000, its {@code ema_kimg = 10}); finite, &gt;= 0
 * @param rampUp         while the images seen times this is below the half-life, it is the half-life, so the
 *                       average forgets G's fast-changing first steps; 0 for none (StyleGAN2-ADA: 0.05); 0..1
 * @param standingStats  batch norm's running statistics of the average: 0 keeps G's, copied at every update (as
 *                       StyleGAN2 copies buffers); K recomputes them as the mean over K training-mode batches of the
 *                       average itself (BigGAN's standing statistics) wherever it is drawn from or saved: sample
 *                       grids, scores and checkpoints. G's statistics belong to G's weights, not to their average;
 *                       ignored while the average is off; 0..1000
 */
public record EmaConfig(double halfLifeImages, double rampUp, int standingStats) {

    static final Bound HALF_LIFE = Bound.between(0, 1e12);
    static final Bound RAMP_UP = Bound.between(0, 1);
    static final Bound STANDING_STATS = Bound.between(0, 1000);

    /** Off; StyleGAN2-ADA's ramp-up once a half-life is written. */
    static final Schema<EmaConfig> SCHEMA = Schema.of(EmaConfig.class,
            Key.number("halfLifeImages", 0, HALF_LIFE),
            Key.number("rampUp", 0.05, RAMP_UP),
            Key.integer("standingStats", 0, STANDING_STATS));

    public EmaConfig {
        HALF_LIFE.require("halfLifeImages", halfLifeImages);
        RAMP_UP.require("rampUp", rampUp);
        STANDING_STATS.require("standingStats", standingStats);
    }

    /** An average whose batch-norm statistics are G's. */
    public EmaConfig(double halfLifeImages, double rampUp) {
        this(halfLifeImages, rampUp, 0);
    }

    /** Without an average: the default. */
    public static EmaConfig off() {
        return SCHEMA.defaults();
    }

    /** Whether there is an average: {@code halfLifeImages > 0}. */
    public boolean enabled() {
        return halfLifeImages > 0;
    }

    /** Whether the average's batch-norm statistics are recomputed before it is used: {@code standingStats > 0}. */
    public boolean standing() {
        return enabled() && standingStats > 0;
    }

    /** Whether the half-life ramps up: {@code rampUp > 0}. */
    public boolean rampsUp() {
        return rampUp > 0;
    }
}
