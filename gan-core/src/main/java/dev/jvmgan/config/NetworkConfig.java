package dev.jvmgan.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One network's architecture.
 *
 * @param architecture a registered architecture name ({@code dcgan} and {@code mlp} built in, more through
 *                     {@code java.util.ServiceLoader}), a fully qualified class name, or a DL4J configuration file
 *                     ({@code .json}, {@code .yaml}, {@code .yml}). Plain names are stored in lower case; whether
 *                     it resolves is checked by the registry's {@link ConfigRule}
 * @param widths       channels (dcgan) or units (mlp) per hidden stage, each 1..4096, at least one. For a dcgan
 *                     generator, widths[0] is the channel count at the smallest resolution and every further entry
 *                     doubles the resolution; for a dcgan discriminator, every entry is a stride-2 conv that halves it
 * @param activation   the hidden layers' activation
 * @param batchNorm    batch normalisation after hidden layers (dcgan: not after D's first conv, as in DCGAN)
 * @param spectralNorm spectral normalisation (Miyato et al. 2018) of every dense, convolution and deconvolution
 *                     weight: the layers compute with W / sigma(W), sigma its largest singular value by one power
 *                     iteration per training pass. Off by default; an architecture may also ask for it on some
 *                     of its layers ({@code Architecture.spectralNormLayers})
 * @param initStd      standard deviation of the N(0, std) weight initialisation, &gt; 0 and &lt;= 1 (DCGAN: 0.02)
 * @param conditional  whether this network takes the class labels; null (the key left out) inherits
 *                     {@code model.conditional} ({@link ModelConfig#generatorConditional()})
 * @param params       the architecture's own parameters, free-form from YAML (numbers, strings, booleans, lists,
 *                     maps); which keys an architecture takes is the registry's to check. Empty for the built-ins
 */
public record NetworkConfig(String architecture, List<Integer> widths, ActivationConfig activation,
                            boolean batchNorm, boolean spectralNorm, double initStd, Boolean conditional,
                            Map<String, Object> params) {

    static final Bound WIDTH = Bound.between(1, 4096);
    static final Bound INIT_STD = Bound.above(0).atMost(1);
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** DCGAN's generator; the discriminator's differences are declared in {@link ModelConfig}'s schema. */
    static final Schema<NetworkConfig> SCHEMA = Schema.of(NetworkConfig.class,
            Key.text("architecture", "dcgan"),
            SpecialKeys.widths("widths", List.of(128, 64), WIDTH),
            ActivationYaml.key("activation", ActivationConfig.relu()),
            Key.bool("batchNorm", true),
            Key.bool("spectralNorm", false),
            Key.number("initStd", 0.02, INIT_STD),
            SpecialKeys.inherited("conditional", "model.conditional"),
            SpecialKeys.freeForm("params"));

    /** Conditioned as {@code model.conditional} says. */
    public NetworkConfig(String architecture, List<Integer> widths, ActivationConfig activation, boolean batchNorm,
                         boolean spectralNorm, double initStd, Map<String, Object> params) {
        this(architecture, widths, activation, batchNorm, spectralNorm, initStd, null, params);
    }

    /** Without spectral normalisation or architecture parameters. */
    public NetworkConfig(String architecture, List<Integer> widths, ActivationConfig activation, boolean batchNorm,
                         double initStd) {
        this(architecture, widths, activation, batchNorm, false, initStd, Map.of());
    }

    /** Without architecture parameters. */
    public NetworkConfig(String architecture, List<Integer> widths, ActivationConfig activation, boolean batchNorm,
                         boolean spectralNorm, double initStd) {
        this(architecture, widths, activation, batchNorm, spectralNorm, initStd, Map.of());
    }

    /** Without spectral normalisation. */
    public NetworkConfig(String architecture, List<Integer> widths, ActivationConfig activation, boolean batchNorm,
                         double initStd, Map<String, Object> params) {
        this(architecture, widths, activation, batchNorm, false, initStd, params);
    }

    public NetworkConfig {
        Objects.requireNonNull(architecture, "architecture");
        if (architecture.isBlank()) {
            throw new IllegalArgumentException("architecture: must not be empty (e.g. dcgan)");
        }
        architecture = architecture.strip();
        if (PLAIN_NAME.matcher(architecture).matches()) {
            architecture = architecture.toLowerCase(Locale.ROOT); // class names and file paths keep their case
        }
        widths = List.copyOf(widths);
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("widths: must not be empty (e.g. [128, 64])");
        }
        for (int i = 0; i < widths.size(); i++) {
            WIDTH.require("widths[" + i + "]", widths.get(i));
        }
        Objects.requireNonNull(activation, "activation");
        INIT_STD.require("initStd", initStd);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
    }

    /** The same network with other architecture parameters. */
    public NetworkConfig withParams(Map<String, Object> newParams) {
        return new NetworkConfig(architecture, widths, activation, batchNorm, spectralNorm, initStd, conditional,
                newParams);
    }

    /** The same network with spectral normalisation on or off. */
    public NetworkConfig withSpectralNorm(boolean on) {
        return new NetworkConfig(architecture, widths, activation, batchNorm, on, initStd, conditional, params);
    }

    /** The same network conditioned on the labels or not; null inherits {@code model.conditional}. */
    public NetworkConfig withConditional(Boolean on) {
        return new NetworkConfig(architecture, widths, activation, batchNorm, spectralNorm, initStd, on, params);
    }
}
