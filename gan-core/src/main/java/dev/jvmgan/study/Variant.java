package dev.jvmgan.study;

import dev.jvmgan.config.ActivationType;

import java.util.List;

/**
 * The network a cell trains, before its activation and learning rate are set: a shipped config and the overrides
 * that turn it into this variant. The other network's activation stays at the config's: ReLU in G, Leaky ReLU 0.2 in
 * D, in both configs ({@code StudyGridTest} checks that against the files).
 */
public enum Variant {
    /** The default DCGAN: batch norm in G and after D's second convolution. */
    DCGAN("dcgan", "dcgan", "fashion-dcgan.yaml", true, List.of()),
    /** The default DCGAN with batch norm off in both networks. */
    DCGAN_NO_BN("dcgan-nobn", "dcgan", "fashion-dcgan.yaml", false,
            List.of("model.generator.batchNorm=false", "model.discriminator.batchNorm=false")),
    /** Four hidden dense layers of 256 units a side, no batch norm: where dying ReLUs are classically reported. */
    MLP4("mlp4", "mlp", "fashion-mlp-deep.yaml", false, List.of());

    private final String label;
    private final String architecture;
    private final String configFile;
    private final boolean batchNorm;
    private final List<String> overrides;

    Variant(String label, String architecture, String configFile, boolean batchNorm, List<String> overrides) {
        this.label = label;
        this.architecture = architecture;
        this.configFile = configFile;
        this.batchNorm = batchNorm;
        this.overrides = overrides;
    }

    /** The name in run directories and tables: {@code mlp4}. */
    public String label() {
        return label;
    }

    /** {@code model.*.architecture}: {@code dcgan} or {@code mlp}. */
    public String architecture() {
        return architecture;
    }

    /** The base config's file name in the configs directory. */
    public String configFile() {
        return configFile;
    }

    public boolean batchNorm() {
        return batchNorm;
    }

    /** The {@code --set} overrides that make this variant of its base config. */
    public List<String> overrides() {
        return overrides;
    }

    /** The activation a side has when the cell does not vary it: the base config's. */
    public ActivationType defaultActivation(Cell.Side side) {
        return side == Cell.Side.D ? ActivationType.LEAKYRELU : ActivationType.RELU;
    }
}
