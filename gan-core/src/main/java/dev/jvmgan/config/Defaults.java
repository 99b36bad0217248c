package dev.jvmgan.config;

import java.util.Collections;

/**
 * The defaults as whole records: the DCGAN reference (Radford et al. 2016) on the Fashion-MNIST test split shipped
 * inside gan-core. Every key a YAML file omits takes its value from here, so {@code {}} is a complete config, and
 * {@code configs/fashion-dcgan.yaml} spells these same values out.
 *
 * <p>Nothing is written here: each default is declared once, on its key's line in the schema next to its record
 * ({@code TrainConfig.SCHEMA}: {@code Key.integer("batchSize", 64, BATCH_SIZE)}), and these methods build from
 * those.
 */
public final class Defaults {
    private Defaults() {
    }

    public static DataConfig data() {
        return DataConfig.SCHEMA.defaults();
    }

    public static NetworkConfig generator() {
        return model().generator();
    }

    /** LeakyReLU 0.2 in D, as in DCGAN (its paper found ReLU there trains worse; the README's study did not). */
    public static NetworkConfig discriminator() {
        return model().discriminator();
    }

    public static ModelConfig model() {
        return ModelConfig.SCHEMA.defaults();
    }

    /** Adam with beta1 0.5: DCGAN found the usual 0.9 oscillates. */
    public static OptimizerConfig optimizer() {
        return OptimizerConfig.SCHEMA.defaults();
    }

    public static TrainConfig train() {
        return TrainConfig.SCHEMA.defaults();
    }

    /** The newest checkpoints a run keeps, as PyTorch Lightning's save_last plus a short history. */
    public static final int KEEP_CHECKPOINTS = output().keepCheckpoints();

    public static OutputConfig output() {
        return OutputConfig.SCHEMA.defaults();
    }

    /** A check every 50 iterations, as often as the metrics are logged; a unit must stay dead for 5 checks. */
    public static MonitorConfig monitors() {
        return MonitorConfig.SCHEMA.defaults();
    }

    /** Every alert only warns: a monitor ends a run only when the user asked it to. */
    public static AlertConfig alerts() {
        return monitors().alerts();
    }

    /** The default run under {@code name}. */
    public static RunConfig run(String name) {
        return RunConfig.SCHEMA.defaults(Collections.singletonMap("name", name));
    }
}
