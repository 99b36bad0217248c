package dev.jvmgan.model;

/** Which of the two networks: also the config key prefix, {@code model.generator} or {@code model.discriminator}. */
public enum NetworkRole {
    GENERATOR, DISCRIMINATOR;

    /** {@code model.generator} or {@code model.discriminator}. */
    public String key() {
        return "model." + label();
    }

    /** {@code generator} or {@code discriminator}. */
    public String label() {
        return name().toLowerCase();
    }
}
