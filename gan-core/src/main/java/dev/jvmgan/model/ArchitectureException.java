package dev.jvmgan.model;

/** A config problem found while resolving or building an architecture, at a dotted config key. */
public class ArchitectureException extends IllegalArgumentException {
    private final String key;

    public ArchitectureException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The dotted config key to change, e.g. {@code model.discriminator.params.blocks}. */
    public String key() {
        return key;
    }

    /** The message without the key. */
    public String problem() {
        return getMessage().substring(key.length() + 2);
    }
}
