package dev.jvmgan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schema machinery on records of its own, shaped like an upcoming section ({@code train.ema}): a new key is one
 * component, one compact-constructor check and one schema line, and the loader's vocabulary, defaults and resolved
 * order follow from those.
 */
class SchemaTest {
    private static final Bound POSITIVE = Bound.above(0);

    record Ema(double halfLifeImages, int startIteration) {
        static final Schema<Ema> SCHEMA = Schema.of(Ema.class,
                Key.number("halfLifeImages", 10_000, POSITIVE),
                Key.integer("startIteration", 0, Bound.atLeast(0)));

        Ema {
            POSITIVE.require("halfLifeImages", halfLifeImages);
        }
    }

    record Train(int iterations, Ema ema) {
        static final Schema<Train> SCHEMA = Schema.of(Train.class,
                Key.integer("iterations", 3000, Bound.atLeast(1)),
                Key.section("ema", Ema.SCHEMA));
    }

    private final List<ConfigRule.Violation> problems = new ArrayList<>();

    private Train read(String yaml) throws Exception {
        return Train.SCHEMA.readRoot(new YAMLMapper().readTree(yaml), Train.SCHEMA.defaults(), problems);
    }

    @Test
    void omittedKeysTakeTheDefaultsDeclaredOnTheirLines() throws Exception {
        Train expected = new Train(3000, new Ema(10_000, 0));
        assertThat(Train.SCHEMA.defaults()).isEqualTo(expected);
        assertThat(read("{}")).isEqualTo(expected);
        assertThat(read("ema: {startIteration: 5}")).isEqualTo(new Train(3000, new Ema(10_000, 5)));
        assertThat(problems).isEmpty();
    }

    @Test
    void resolvedKeysFollowTheComponentOrderNotTheFiles() throws Exception {
        Train train = read("ema: {startIteration: 5, halfLifeImages: 20}\niterations: 7\n");
        assertThat(train).isEqualTo(new Train(7, new Ema(20, 5)));
        ObjectNode written = Train.SCHEMA.write(train);
        assertThat(written.fieldNames()).toIterable().containsExactly("iterations", "ema");
        assertThat(written.get("ema").fieldNames()).toIterable().containsExactly("halfLifeImages", "startIteration");
        assertThat(written.get("ema").get("halfLifeImages").doubleValue()).isEqualTo(20.0);
    }

    @Test
    void unknownKeysAreJudgedAgainstTheComponentNames() throws Exception {
        read("ema: {halfLifeImage: 1, decay: 0.999}\niteration: 5\n");
        assertThat(problems).containsExactly(
                new ConfigRule.Violation("iteration", "unknown key (did you mean 'iterations'?)"),
                new ConfigRule.Violation("ema.halfLifeImage", "unknown key (did you mean 'halfLifeImages'?)"),
                new ConfigRule.Violation("ema.decay", "unknown key; valid keys here: halfLifeImages, startIteration"));
    }

    @Test
    void aBadValueIsReportedAtItsPathAndTheRecordStillBuilds() throws Exception {
        assertThat(read("ema: {halfLifeImages: -1}")).isEqualTo(Train.SCHEMA.defaults());
        assertThat(problems).containsExactly(new ConfigRule.Violation("ema.halfLifeImages", "-1 must be > 0"));
    }

    @Test
    void aComponentWithoutItsKeyFailsWhenTheSchemaIsBuilt() {
        assertThatThrownBy(() -> Schema.of(Ema.class, Key.number("halfLifeImages", 1, POSITIVE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Ema's schema has the keys [halfLifeImages] but the record has the components "
                        + "[halfLifeImages, startIteration]: declare one key per component, in order");
    }

    @Test
    void keysInAnotherOrderThanTheComponentsFail() {
        assertThatThrownBy(() -> Schema.of(Ema.class, Key.integer("startIteration", 0, Bound.atLeast(0)),
                Key.number("halfLifeImages", 1, POSITIVE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declare one key per component, in order");
    }

    @Test
    void aKeyMustReadTheComponentsType() {
        assertThatThrownBy(() -> Schema.of(Ema.class, Key.longInteger("halfLifeImages", 1),
                Key.integer("startIteration", 0, Bound.atLeast(0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Ema.halfLifeImages is Double, but its key reads Long");
    }

    @Test
    void differentDefaultsMustNameKeysOfTheSection() {
        assertThatThrownBy(() -> Key.section("ema", Ema.SCHEMA, Map.of("halfLife", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ema has no keys [halfLife]; keys: [halfLifeImages, startIteration]");
        Key<Ema> later = Key.section("ema", Ema.SCHEMA, Map.of("startIteration", 100));
        assertThat(later.defaultValue().get()).isEqualTo(new Ema(10_000, 100));
    }

    @Test
    void theRunsNameHasNoDefaultButTheCallers() {
        assertThatThrownBy(RunConfig.SCHEMA::defaults)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("RunConfig.name has no default; give one");
        assertThat(Defaults.run("x").name()).isEqualTo("x");
    }

    @Test
    void theShippedSchemasListTheRecordsComponents() {
        JsonNode resolved = RunConfig.SCHEMA.write(Defaults.run("t"));
        assertThat(resolved.fieldNames()).toIterable()
                .containsExactlyElementsOf(Schema.componentNames(RunConfig.class));
        assertThat(resolved.get("monitors").get("alerts").fieldNames()).toIterable()
                .containsExactlyElementsOf(Schema.componentNames(AlertConfig.class));
    }
}
