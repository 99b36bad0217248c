package dev.jvmgan.monitor;

import dev.jvmgan.model.NetworkRole;
import java.util.Objects;

/**
 * The one-letter names the monitors print for the networks: {@code "G"} and {@code "D"}, as in metrics.jsonl's
 * {@code "network": "D"}, the console line and the chart legends. The records' format predates {@link NetworkRole}
 * and run directories already hold it, so the letters stay; in code the networks are roles.
 */
final class NetworkLetter {
    private NetworkLetter() {
    }

    static String of(NetworkRole role) {
        return switch (Objects.requireNonNull(role, "role")) {
            case GENERATOR -> "G";
            case DISCRIMINATOR -> "D";
        };
    }

    /** @throws IllegalArgumentException unless {@code letter} is {@code "G"} or {@code "D"} */
    static NetworkRole parse(String letter) {
        for (NetworkRole role : NetworkRole.values()) {
            if (of(role).equals(letter)) {
                return role;
            }
        }
        throw new IllegalArgumentException("network: expected \"G\" or \"D\", got " + (letter == null ? "nothing"
                : "\"" + letter + "\""));
    }
}
