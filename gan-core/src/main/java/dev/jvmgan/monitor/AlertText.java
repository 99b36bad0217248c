package dev.jvmgan.monitor;

import dev.jvmgan.model.NetworkRole;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers and config keys as the alert messages write them. */
final class AlertText {
    private AlertText() {
    }

    /** {@code "a lower train.d.lr"}: the key that slows the network down. */
    static String lowerLr(NetworkRole network) {
        return "a lower " + switch (network) {
            case GENERATOR -> "train.g.lr";
            case DISCRIMINATOR -> "train.d.lr";
        };
    }

    /** {@code "model.discriminator.activation"}. */
    static String activationKey(NetworkRole network) {
        return network.key() + ".activation";
    }

    /** 0.414 -> "41.4", 0.3 -> "30": one decimal, none when it is zero. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? plain(100 * fraction, 1) : String.valueOf(fraction);
    }

    /** A threshold as the user wrote it: 0.95 -> "0.95", not "0.950000" or "9.5E-1". */
    static String plain(double value) {
        return plain(value, 6);
    }

    private static String plain(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
