package dev.jvmgan.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two networks and the latent space between them.
 *
 * @param latentDim     size of the Gaussian latent vector z fed to the generator (1..4096)
 * @param generator     the generator's architecture
 * @param discriminator the discriminator's architecture
 * @param conditional   class-conditional G and D (labels from the data): G(z, y), D(x, y); the default of each
 *                      network's own {@code conditional} ({@link #generatorConditional()},
 *                      {@link #discriminatorConditional()})
 * @param fakeClasses   how the classes y of generated images are drawn: uniformly, or as the data's frequencies
 * @param auxClassifier ACGAN's auxiliary classifier (Odena et al. 2017) on a conditional D: D outputs K class logits
 *                      after its adversarial output, and this weight (&gt;= 0; 0, the default, is off) scales their
 *                      cross-entropy in D's loss on real images and in G's loss ({@code dev.jvmgan.loss
 *                      .AuxiliaryClassifier}). Needs both networks conditional, and a D whose class outputs see
 *                      the image alone (the dcgan projection D; not the mlp D, which takes the labels as input)
 */
public record ModelConfig(int latentDim, NetworkConfig generator, NetworkConfig discriminator, boolean conditional,
                          FakeClasses fakeClasses, double auxClassifier) {

    /** How the class of each generated image in training is drawn. */
    public enum FakeClasses {
        /** Every class with probability 1/K. */
        UNIFORM,
        /** Class k with the share of the training images labelled k. */
        DATA
    }

    static final Bound LATENT_DIM = Bound.between(1, 4096);
    static final Bound AUX_CLASSIFIER = Bound.atLeast(0);

    /**
     * DCGAN (Radford et al. 2016). D mirrors G's widths and uses LeakyReLU (at its default slope, 0.2), as DCGAN
     * found ReLU trains worse there; everything else is {@link NetworkConfig}'s defaults.
     */
    static final Schema<ModelConfig> SCHEMA = Schema.of(ModelConfig.class,
            Key.integer("latentDim", 100, LATENT_DIM),
            Key.section("generator", NetworkConfig.SCHEMA),
            Key.section("discriminator", NetworkConfig.SCHEMA, Map.of("widths", List.of(64, 128),
                    "activation", ActivationConfig.defaults(ActivationType.LEAKYRELU))),
            Key.bool("conditional", false),
            Key.choice("fakeClasses", FakeClasses.UNIFORM),
            Key.number("auxClassifier", 0.0, AUX_CLASSIFIER))
            .rule(List.of("generator", "discriminator", "conditional"), (values, written) ->
                    noNetworkProblem((NetworkConfig) values.get("generator"),
                            (NetworkConfig) values.get("discriminator"), (boolean) values.get("conditional"))
                            .map(message -> new ConfigRule.Violation("conditional", message)))
            .rule(List.of("generator", "discriminator", "conditional", "auxClassifier"), (values, written) ->
                    auxClassifierProblem((NetworkConfig) values.get("generator"),
                            (NetworkConfig) values.get("discriminator"), (boolean) values.get("conditional"),
                            (double) values.get("auxClassifier"))
                            .map(message -> new ConfigRule.Violation("auxClassifier", message)));

    public ModelConfig {
        LATENT_DIM.require("latentDim", latentDim);
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(discriminator, "discriminator");
        Objects.requireNonNull(fakeClasses, "fakeClasses");
        noNetworkProblem(generator, discriminator, conditional).ifPresent(message -> {
            throw new IllegalArgumentException("conditional: " + message);
        });
        AUX_CLASSIFIER.require("auxClassifier", auxClassifier);
        auxClassifierProblem(generator, discriminator, conditional, auxClassifier).ifPresent(message -> {
            throw new IllegalArgumentException("auxClassifier: " + message);
        });
    }

    /** Without ACGAN's auxiliary classifier. */
    public ModelConfig(int latentDim, NetworkConfig generator, NetworkConfig discriminator, boolean conditional,
                       FakeClasses fakeClasses) {
        this(latentDim, generator, discriminator, conditional, fakeClasses, 0);
    }

    /**
     * The auxiliary classifier is D's (it needs the class count, which a conditional D has) and teaches G to make
     * its images of their class (which needs G to take the class). Its class outputs must not see the label: the
     * built-in mlp D takes it as input channels.
     */
    private static java.util.Optional<String> auxClassifierProblem(NetworkConfig generator,
                                                                   NetworkConfig discriminator, boolean conditional,
                                                                   double auxClassifier) {
        if (auxClassifier == 0) {
            return java.util.Optional.empty();
        }
        boolean g = generator.conditional() != null ? generator.conditional() : conditional;
        boolean d = discriminator.conditional() != null ? discriminator.conditional() : conditional;
        if (g && d && "mlp".equals(discriminator.architecture())) {
            return java.util.Optional.of(auxClassifier + " needs D's class outputs to see the image alone, but a"
                    + " conditional mlp D takes the labels as input channels, so it could read the class from them;"
                    + " use model.discriminator.architecture: dcgan (the projection D), or auxClassifier: 0");
        }
        String which = !g && !d ? "neither network is" : !g ? "G is not" : "D is not";
        return g && d ? java.util.Optional.empty() : java.util.Optional.of(auxClassifier + " needs both networks"
                + " class-conditional (D classifies into the data's classes, G learns to make its images of the"
                + " class it is given), but " + which + "; set model.conditional: true (and neither network's own"
                + " conditional: false), or auxClassifier: 0");
    }

    /** {@code model.conditional: true} with both networks' own {@code conditional: false} conditions nothing. */
    private static java.util.Optional<String> noNetworkProblem(NetworkConfig generator, NetworkConfig discriminator,
                                                               boolean conditional) {
        return conditional && Boolean.FALSE.equals(generator.conditional())
                && Boolean.FALSE.equals(discriminator.conditional())
                ? java.util.Optional.of("true, but model.generator.conditional and model.discriminator.conditional "
                + "are both false, so no network takes the labels; set model.conditional: false, or one of them true")
                : java.util.Optional.empty();
    }

    /** Whether G takes the class labels, G(z, y): {@code model.generator.conditional}, else {@code conditional}. */
    public boolean generatorConditional() {
        return generator.conditional() != null ? generator.conditional() : conditional;
    }

    /** Whether D takes the class labels, D(x, y): {@code model.discriminator.conditional}, else {@code conditional}. */
    public boolean discriminatorConditional() {
        return discriminator.conditional() != null ? discriminator.conditional() : conditional;
    }

    /** Whether either network takes labels, so the run needs them from the data and draws the fakes' classes. */
    public boolean usesClasses() {
        return generatorConditional() || discriminatorConditional();
    }

    /** An unconditional model. */
    public ModelConfig(int latentDim, NetworkConfig generator, NetworkConfig discriminator) {
        this(latentDim, generator, discriminator, false, FakeClasses.UNIFORM);
    }
}
