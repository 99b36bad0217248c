package dev.jvmgan.config;

import static dev.jvmgan.config.ConfigTestSupport.parse;
import static dev.jvmgan.config.ConfigTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Conditioning per network: {@code model.generator.conditional} and {@code model.discriminator.conditional} inherit
 * {@code model.conditional} when left out, override it when written, and only a written value reaches the resolved
 * config, so a config without them resolves as before.
 */
class ConditionalKeysTest {

    @Test
    void eachNetworkInheritsModelConditionalUnlessItSaysOtherwise() {
        ModelConfig both = parse("model: {conditional: true}").model();
        assertThat(both.generatorConditional()).isTrue();
        assertThat(both.discriminatorConditional()).isTrue();
        assertThat(both.generator().conditional()).as("left out: inherits").isNull();

        ModelConfig gAlone = parse("model: {conditional: true, discriminator: {conditional: false}}").model();
        assertThat(gAlone.generatorConditional()).isTrue();
        assertThat(gAlone.discriminatorConditional()).isFalse();
        assertThat(gAlone.usesClasses()).isTrue();

        ModelConfig dAlone = parse("model: {discriminator: {conditional: true}}").model();
        assertThat(dAlone.conditional()).isFalse();
        assertThat(dAlone.generatorConditional()).isFalse();
        assertThat(dAlone.discriminatorConditional()).isTrue();
        assertThat(dAlone.usesClasses()).isTrue();

        ModelConfig none = parse("{}").model();
        assertThat(none.usesClasses()).isFalse();
    }

    @Test
    void theResolvedConfigWritesOnlyTheValuesAFileGave() {
        String inherited = ConfigLoader.toYaml(parse("model: {conditional: true}"));
        assertThat(inherited).doesNotContain("generator.conditional").containsOnlyOnce("conditional: true");

        RunConfig dAlone = parse("model: {discriminator: {conditional: true}}");
        String resolved = ConfigLoader.toYaml(dAlone);
        assertThat(ConfigLoader.parse(resolved, "resolved.yaml", "t", java.util.List.of(), java.util.List.of()))
                .isEqualTo(dAlone);
        assertThat(ConfigDiff.between(parse("{}"), dAlone)).extracting(ConfigDiff.Change::toString)
                .containsExactly("model.discriminator.conditional: (absent) -> true");
    }

    @Test
    void theRecordRefusesAConditionalModelWithNoConditionalNetwork() {
        NetworkConfig g = Defaults.generator().withConditional(false);
        assertThatThrownBy(() -> new ModelConfig(100, g, g, true, ModelConfig.FakeClasses.UNIFORM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("conditional: true, but model.generator.conditional and "
                        + "model.discriminator.conditional are both false");
        assertThat(new ModelConfig(100, g, g.withConditional(true), true, ModelConfig.FakeClasses.UNIFORM)
                .discriminatorConditional()).isTrue();
    }

    @Test
    void theAuxiliaryClassifierNeedsBothNetworksConditionalAndAWeightOfAtLeastZero() {
        assertThat(parse("model: {conditional: true, auxClassifier: 1.5}").model().auxClassifier()).isEqualTo(1.5);
        assertThat(parse("{}").model().auxClassifier()).isZero();

        assertThat(problems("model:\n  auxClassifier: 1")).isEqualTo("t.yaml:2: model.auxClassifier: 1.0 needs both"
                + " networks class-conditional (D classifies into the data's classes, G learns to make its images of"
                + " the class it is given), but neither network is; set model.conditional: true (and neither"
                + " network's own conditional: false), or auxClassifier: 0");
        assertThat(problems("model:\n  conditional: true\n  auxClassifier: 1\n  discriminator: {conditional: false}"))
                .contains("t.yaml:3: model.auxClassifier: 1.0 needs both").contains("but D is not;");
        assertThat(problems("model:\n  conditional: true\n  auxClassifier: 1\n  generator: {conditional: false}"))
                .contains("but G is not;");
        assertThat(problems("model:\n  conditional: true\n  auxClassifier: -1")).startsWith(
                "t.yaml:3: model.auxClassifier: -1");
        assertThat(problems("model:\n  conditional: true\n  auxClassifier: 1\n  discriminator: {architecture: mlp}"))
                .contains("t.yaml:3: model.auxClassifier: 1.0 needs D's class outputs to see the image alone");
        NetworkConfig g = Defaults.generator();
        assertThatThrownBy(() -> new ModelConfig(100, g, g, false, ModelConfig.FakeClasses.UNIFORM, 1))
                .hasMessageStartingWith("auxClassifier: 1.0 needs both networks class-conditional");
    }
}
