package dev.jvmgan.model;

/**
 * Which of the two networks, with the names it goes by: the config sections {@code model.generator} and
 * {@code train.g}, and the letter G or D that logs, metrics and checkpoints use.
 */
public enum NetworkRole {
    GENERATOR("G"), DISCRIMINATOR("D");

    private final String shortName;

    NetworkRole(String shortName) {
        this.shortName = shortName;
    }

    /** {@code model.generator} or {@code model.discriminator}. */
    public String key() {
        return "model." + label();
    }

    /** {@code generator} or {@code discriminator}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code G} or {@code D}. */
    public String shortName() {
        return shortName;
    }

    /**
     * Whether this network takes the class labels: {@code model.generator.conditional} or
     * {@code model.discriminator.conditional}, each inheriting {@code model.conditional} when left out.
     */
    public boolean conditional(dev.jvmgan.config.ModelConfig model) {
        return this == GENERATOR ? model.generatorConditional() : model.discriminatorConditional();
    }

    /** The network's optimiser section, {@code train.g} or {@code train.d}. */
    public String optimizerKey() {
        return "train." + shortName.toLowerCase(java.util.Locale.ROOT);
    }
}
