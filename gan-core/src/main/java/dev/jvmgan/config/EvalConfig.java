package dev.jvmgan.config;

/**
 * Quality scores during training: every {@code every} iterations, and when training ends, the run's generator (its
 * moving average with {@code train.ema}) draws the images of seeds 0 to images - 1 and they are scored against the data's
 * reference as {@code gan eval} scores a checkpoint (Fréchet distance, KID, precision, recall, density, coverage, all
 * of them: they share the one expensive step, the features). Off by default.
 *
 * @param every iterations between scores; 0 turns them off (0..1000000)
 * @param images images scored each time, seeds 0 to images - 1 (10..50000), {@code gan eval --n}; compare scores of one
 *               count only, as the Fréchet distance is biased upwards at small counts
 */
public record EvalConfig(int every, int images) {

    static final Bound EVERY = Bound.between(0, 1_000_000);
    static final Bound N = Bound.between(10, 50_000);

    /** Off; half of {@code gan eval}'s 10,000 images once on, as each score stops training while it runs. */
    static final Schema<EvalConfig> SCHEMA = Schema.of(EvalConfig.class,
            Key.integer("every", 0, EVERY).booleanHint("write 0 to turn the scores off, or the iterations between "
                    + "scores (e.g. 500)"),
            Key.integer("images", 5000, N));

    public EvalConfig {
        EVERY.require("every", every);
        N.require("images", images);
    }

    /** No scores during training: the default. */
    public static EvalConfig off() {
        return SCHEMA.defaults();
    }

    /** True unless {@code every} is 0. */
    public boolean enabled() {
        return every > 0;
    }
}
