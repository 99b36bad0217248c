package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Maps a parsed YAML tree into the records by hand, so that one pass reports every problem of a file instead of
 * stopping at the first, as a data binder would. A value that is wrong is reported and replaced by its default so
 * the walk can go on; the caller discards the result whenever any problem was reported.
 */
final class TreeMapper {
    static final List<String> TOP_KEYS = List.of("name", "data", "model", "train", "output");
    static final List<String> DATA_KEYS = List.of("source", "path", "imageSize", "channels");
    static final List<String> MODEL_KEYS = List.of("latentDim", "generator", "discriminator");
    static final List<String> NETWORK_KEYS = List.of("architecture", "widths", "activation", "batchNorm", "initStd");
    static final List<String> TRAIN_KEYS = List.of("iterations", "batchSize", "dStepsPerGStep", "seed", "g", "d");
    static final List<String> OPTIMIZER_KEYS = List.of("type", "lr", "beta1", "beta2");
    static final List<String> OUTPUT_KEYS = List.of("runsRoot", "logEvery", "sampleEvery", "checkpointEvery");
    static final List<String> ACTIVATION_KEYS = List.of("type", "alpha", "lower", "upper");

    private static final Map<String, DataSource> SOURCES = Map.of("idx", DataSource.IDX, "folder", DataSource.FOLDER);
    private static final Map<String, ActivationType> ACTIVATIONS = activationNames();
    private static final String ACTIVATION_LIST =
            "relu, leakyrelu (or leaky_relu, lrelu), prelu, rrelu, elu, selu, gelu, silu (or swish)";

    private final List<ConfigRule.Violation> problems = new ArrayList<>();

    /** Every problem found by {@link #map}, keyed by dotted path. */
    List<ConfigRule.Violation> problems() {
        return problems;
    }

    RunConfig map(JsonNode root, String defaultName) {
        Section top = new Section("", root, TOP_KEYS);
        String name = top.text("name", defaultName, RunConfig::nameProblem);
        DataConfig data = data(top.section("data", DATA_KEYS));
        ModelConfig model = model(top.section("model", MODEL_KEYS));
        TrainConfig train = train(top.section("train", TRAIN_KEYS));
        OutputConfig output = output(top.section("output", OUTPUT_KEYS));
        return new RunConfig(name, data, model, train, output);
    }

    private DataConfig data(Section s) {
        DataConfig d = Defaults.data();
        return new DataConfig(
                s.choice("source", d.source(), SOURCES, "idx, folder"),
                s.text("path", d.path(), p -> Optional.empty()),
                s.integer("imageSize", d.imageSize(), in(DataConfig.IMAGE_SIZE)),
                s.integer("channels", d.channels(), DataConfig::channelsProblem));
    }

    private ModelConfig model(Section s) {
        return new ModelConfig(
                s.integer("latentDim", Defaults.model().latentDim(), in(ModelConfig.LATENT_DIM)),
                network(s.section("generator", NETWORK_KEYS), Defaults.generator()),
                network(s.section("discriminator", NETWORK_KEYS), Defaults.discriminator()));
    }

    private NetworkConfig network(Section s, NetworkConfig d) {
        return new NetworkConfig(
                s.text("architecture", d.architecture(), a -> Optional.empty()),
                widths(s, d.widths()),
                activation(s, d.activation()),
                s.bool("batchNorm", d.batchNorm()),
                s.number("initStd", d.initStd(), NetworkConfig.INIT_STD));
    }

    private List<Integer> widths(Section s, List<Integer> fallback) {
        JsonNode node = s.value("widths", fallback.toString());
        String key = s.at("widths");
        if (node == null) {
            return fallback;
        }
        if (!node.isArray() || node.isEmpty()) {
            String what = node.isArray() ? "must not be empty" : show(node) + " is not a list";
            problem(key, what + "; write one width per stage, e.g. [128, 64]");
            return fallback;
        }
        int before = problems.size();
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            widths.add(integer(key + "[" + i + "]", node.get(i), 0, in(NetworkConfig.WIDTH)));
        }
        return problems.size() == before ? widths : fallback;
    }

    private ActivationConfig activation(Section s, ActivationConfig fallback) {
        JsonNode node = s.value("activation", name(fallback.type()));
        String key = s.at("activation");
        if (node == null) {
            return fallback;
        }
        if (node.isTextual()) {
            ActivationType type = choice(key, node, null, ACTIVATIONS, ACTIVATION_LIST);
            return type == null ? fallback : ActivationConfig.defaults(type);
        }
        if (!node.isObject()) {
            problem(key, show(node) + " is not an activation; write a name (relu) or a map "
                    + "({type: leakyrelu, alpha: 0.2})");
            return fallback;
        }
        int before = problems.size();
        Section map = new Section(key, node, ACTIVATION_KEYS);
        if (!node.hasNonNull("type")) {
            problem(map.at("type"), "missing; an activation map needs a type, one of: " + ACTIVATION_LIST);
            return fallback;
        }
        ActivationType type = choice(map.at("type"), node.get("type"), null, ACTIVATIONS, ACTIVATION_LIST);
        if (type == null) {
            return fallback;
        }
        ActivationConfig base = ActivationConfig.defaults(type);
        double[] values = {base.alpha(), base.lower(), base.upper()};
        for (int i = 0; i < values.length; i++) {
            String parameter = ActivationConfig.PARAMETERS.get(i);
            Bound bound = ActivationConfig.parameters(type).get(parameter);
            if (node.has(parameter) && bound == null) {
                problem(map.at(parameter), ActivationConfig.notTaken(type, parameter));
            } else if (bound != null) {
                values[i] = map.number(parameter, values[i], bound);
            }
        }
        if (problems.size() > before) {
            return fallback;
        }
        Optional<String> range = ActivationConfig.rangeProblem(type, values[1], values[2]);
        range.ifPresent(message -> problem(map.at("lower"), message));
        return range.isPresent() ? fallback : new ActivationConfig(type, values[0], values[1], values[2]);
    }

    private TrainConfig train(Section s) {
        TrainConfig d = Defaults.train();
        return new TrainConfig(
                s.integer("iterations", d.iterations(), in(TrainConfig.ITERATIONS)),
                s.integer("batchSize", d.batchSize(), in(TrainConfig.BATCH_SIZE)),
                s.integer("dStepsPerGStep", d.dStepsPerGStep(), in(TrainConfig.D_STEPS_PER_G_STEP)),
                s.seed("seed", d.seed()),
                optimizer(s.section("g", OPTIMIZER_KEYS), d.g()),
                optimizer(s.section("d", OPTIMIZER_KEYS), d.d()));
    }

    private OptimizerConfig optimizer(Section s, OptimizerConfig d) {
        Map<String, String> types = new LinkedHashMap<>();
        OptimizerConfig.TYPES.forEach(t -> types.put(t, t));
        return new OptimizerConfig(
                s.choice("type", d.type(), types, String.join(", ", OptimizerConfig.TYPES)),
                s.number("lr", d.lr(), OptimizerConfig.LR),
                s.number("beta1", d.beta1(), OptimizerConfig.BETA),
                s.number("beta2", d.beta2(), OptimizerConfig.BETA));
    }

    private OutputConfig output(Section s) {
        OutputConfig d = Defaults.output();
        return new OutputConfig(
                s.text("runsRoot", d.runsRoot(), r -> Optional.empty()),
                s.integer("logEvery", d.logEvery(), in(OutputConfig.EVERY)),
                s.integer("sampleEvery", d.sampleEvery(), in(OutputConfig.EVERY)),
                s.integer("checkpointEvery", d.checkpointEvery(), in(OutputConfig.EVERY)));
    }

    /** One map of the file: reports unknown keys once, then hands out typed values or their defaults. */
    private final class Section {
        private final String path;
        private final JsonNode node;

        Section(String path, JsonNode node, List<String> keys) {
            this.path = path;
            if (node != null && !node.isNull() && !node.isObject()) {
                problem(path, show(node) + " is not a map; expected keys: " + String.join(", ", keys));
                node = null;
            }
            // A section written with nothing under it (`data:`) is null in YAML: all of its defaults apply.
            this.node = node == null || node.isNull() ? null : node;
            if (this.node != null) {
                this.node.fieldNames().forEachRemaining(key -> {
                    if (!keys.contains(key)) {
                        String hint = DidYouMean.hint(key, keys);
                        problem(at(key), "unknown key"
                                + (hint.isEmpty() ? "; valid keys here: " + String.join(", ", keys) : hint));
                    }
                });
            }
        }

        String at(String key) {
            return YamlLocations.join(path, key);
        }

        Section section(String key, List<String> keys) {
            return new Section(at(key), node == null ? null : node.get(key), keys);
        }

        /** The written value, or null if absent; a key written without a value is reported, not defaulted. */
        JsonNode value(String key, String fallbackShown) {
            JsonNode value = node == null ? null : node.get(key);
            if (value != null && value.isNull()) {
                problem(at(key), "has no value; give one, or delete the key to use the default (" + fallbackShown + ")");
                return null;
            }
            return value;
        }

        int integer(String key, int fallback, IntFunction<Optional<String>> check) {
            JsonNode value = value(key, Integer.toString(fallback));
            return value == null ? fallback : TreeMapper.this.integer(at(key), value, fallback, check);
        }

        long seed(String key, long fallback) {
            JsonNode value = value(key, Long.toString(fallback));
            if (value == null) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                problem(at(key), show(value) + (value.isIntegralNumber() ? " does not fit in a 64-bit integer"
                        : " is not an integer"));
                return fallback;
            }
            return value.longValue();
        }

        double number(String key, double fallback, Bound bound) {
            JsonNode value = value(key, Bound.format(fallback));
            if (value == null) {
                return fallback;
            }
            Optional<String> problem = value.isNumber() ? bound.violation(value.doubleValue())
                    : Optional.of(show(value) + " is not a number");
            problem.ifPresent(message -> problem(at(key), message));
            return problem.isPresent() ? fallback : value.doubleValue();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode value = value(key, Boolean.toString(fallback));
            if (value != null && !value.isBoolean()) {
                problem(at(key), show(value) + " is not a boolean (true or false)");
            }
            return value != null && value.isBoolean() ? value.booleanValue() : fallback;
        }

        String text(String key, String fallback, Function<String, Optional<String>> check) {
            JsonNode value = value(key, fallback);
            if (value == null) {
                return fallback;
            }
            Optional<String> problem = !value.isTextual()
                    ? Optional.of(show(value) + " is not a string" + (value.isValueNode()
                    ? " (quote it: \"" + value.asText() + "\")" : ""))
                    : value.asText().isBlank() ? Optional.of("must not be empty") : check.apply(value.asText());
            problem.ifPresent(message -> problem(at(key), message));
            return problem.isPresent() ? fallback : value.asText();
        }

        <T> T choice(String key, T fallback, Map<String, T> byName, String valid) {
            JsonNode value = value(key, String.valueOf(fallback).toLowerCase(Locale.ROOT));
            return value == null ? fallback : TreeMapper.this.choice(at(key), value, fallback, byName, valid);
        }
    }

    private int integer(String key, JsonNode value, int fallback, IntFunction<Optional<String>> check) {
        Optional<String> problem = !value.isIntegralNumber() ? Optional.of(show(value) + " is not an integer")
                : !value.canConvertToInt() ? Optional.of(value.asText() + " does not fit in a 32-bit integer")
                : check.apply(value.intValue());
        problem.ifPresent(message -> problem(key, message));
        return problem.isPresent() ? fallback : value.intValue();
    }

    /** A case-insensitive name from a fixed set; a near miss gets a suggestion. */
    private <T> T choice(String key, JsonNode value, T fallback, Map<String, T> byName, String valid) {
        T chosen = value.isTextual() ? byName.get(value.asText().toLowerCase(Locale.ROOT)) : null;
        if (chosen == null) {
            String hint = value.isTextual() ? DidYouMean.hint(value.asText(), byName.keySet()) : "";
            problem(key, show(value) + " is not one of: " + valid + hint);
            return fallback;
        }
        return chosen;
    }

    private void problem(String key, String message) {
        problems.add(new ConfigRule.Violation(key, message));
    }

    private static IntFunction<Optional<String>> in(Bound bound) {
        return bound::violation;
    }

    /** A value as the user would recognise it in a message: strings quoted, containers by kind. */
    static String show(JsonNode value) {
        if (value.isTextual()) {
            return value.toString();
        }
        return value.isArray() ? "a list" : value.isObject() ? "a map" : value.asText();
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, ActivationType> activationNames() {
        Map<String, ActivationType> names = new LinkedHashMap<>();
        for (ActivationType type : ActivationType.values()) {
            names.put(name(type), type);
        }
        names.put("leaky_relu", ActivationType.LEAKYRELU);
        names.put("lrelu", ActivationType.LEAKYRELU);
        names.put("swish", ActivationType.SILU);
        return names;
    }
}
