package dev.jvmgan.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One network's architecture.
 *
 * @param architecture a registered architecture name: {@code dcgan} or {@code mlp} built in. Stored in lower case;
 *                     whether the name is registered is checked by the registry's {@link ConfigRule}
 * @param widths       channels (dcgan) or units (mlp) per hidden stage, each 1..4096, at least one. For a dcgan
 *                     generator, widths[0] is the channel count at the smallest resolution and every further entry
 *                     doubles the resolution; for a dcgan discriminator, every entry is a stride-2 conv that halves it
 * @param activation   the hidden layers' activation
 * @param batchNorm    batch normalisation after hidden layers (dcgan: not after D's first conv, as in DCGAN)
 * @param initStd      standard deviation of the N(0, std) weight initialisation, &gt; 0 and &lt;= 1 (DCGAN: 0.02)
 */
public record NetworkConfig(String architecture, List<Integer> widths, ActivationConfig activation,
                            boolean batchNorm, double initStd) {

    static final Bound WIDTH = Bound.between(1, 4096);
    static final Bound INIT_STD = Bound.above(0).atMost(1);

    public NetworkConfig {
        Objects.requireNonNull(architecture, "architecture");
        if (architecture.isBlank()) {
            throw new IllegalArgumentException("architecture: must not be empty (e.g. dcgan)");
        }
        architecture = architecture.toLowerCase(Locale.ROOT);
        widths = List.copyOf(widths);
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("widths: must not be empty (e.g. [128, 64])");
        }
        for (int i = 0; i < widths.size(); i++) {
            WIDTH.require("widths[" + i + "]", widths.get(i));
        }
        Objects.requireNonNull(activation, "activation");
        INIT_STD.require("initStd", initStd);
    }
}
