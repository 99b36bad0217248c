package dev.jvmgan.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place defaults live: the DCGAN reference (Radford et al. 2016) on the Fashion-MNIST test split shipped
 * inside gan-core. Every key a YAML file omits takes its value from here, so {@code {}} is a complete config, and
 * {@code configs/fashion-dcgan.yaml} spells these same values out.
 */
public final class Defaults {
    private Defaults() {
    }

    public static DataConfig data() {
        return new DataConfig(DataSource.IDX, DataConfig.EMBEDDED_FASHION_MNIST, 28, 1);
    }

    public static NetworkConfig generator() {
        return new NetworkConfig("dcgan", List.of(128, 64), ActivationConfig.relu(), true, 0.02);
    }

    /** LeakyReLU 0.2 in D, as DCGAN found ReLU there trains worse. */
    public static NetworkConfig discriminator() {
        return new NetworkConfig("dcgan", List.of(64, 128), ActivationConfig.leakyRelu(0.2), true, 0.02);
    }

    public static ModelConfig model() {
        return new ModelConfig(100, generator(), discriminator());
    }

    /** Adam with beta1 0.5: DCGAN found the usual 0.9 oscillates. */
    public static OptimizerConfig optimizer() {
        return OptimizerConfig.dcganAdam();
    }

    public static TrainConfig train() {
        return new TrainConfig(3000, 64, 1, 42L, optimizer(), optimizer());
    }

    /** The newest checkpoints a run keeps, as PyTorch Lightning's save_last plus a short history. */
    public static final int KEEP_CHECKPOINTS = 3;

    public static OutputConfig output() {
        return new OutputConfig("outputs", 50, 250, 1000, KEEP_CHECKPOINTS, OutputConfig.NONE, "min");
    }

    /** A check every 50 iterations, as often as the metrics are logged; a unit must stay dead for 5 checks. */
    public static MonitorConfig monitors() {
        return new MonitorConfig(50, 5, 500, 1.0e-7, 1.0e3, alerts());
    }

    /** Every alert only warns: a monitor ends a run only when the user asked it to. */
    public static AlertConfig alerts() {
        Map<String, String> policy = new LinkedHashMap<>();
        AlertConfig.RULES.forEach(rule -> policy.put(rule, AlertConfig.WARN));
        return new AlertConfig(0.3, 0.1, 0.95, 0.05, 3, 1.0e-4, policy);
    }

    /** The default run under {@code name}. */
    public static RunConfig run(String name) {
        return new RunConfig(name, data(), model(), train(), output(), monitors());
    }
}
