package dev.jvmgan.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Maps a parsed YAML tree into the records by hand, so that one pass reports every problem of a file instead of
 * stopping at the first, as a data binder would. A value that is wrong is reported and replaced by its default so
 * the walk can go on; the caller discards the result whenever any problem was reported.
 */
final class TreeMapper {
    static final List<String> TOP_KEYS = List.of("name", "data", "model", "train", "output", "monitors");
    static final List<String> DATA_KEYS = List.of("source", "path", "imageSize", "channels", "crop", "flip",
            "background", "badFiles", "maxImagePixels", "cache", "loaderThreads");
    static final List<String> MODEL_KEYS = List.of("latentDim", "generator", "discriminator");
    static final List<String> NETWORK_KEYS = List.of("architecture", "widths", "activation", "batchNorm", "initStd",
            "params");
    static final List<String> TRAIN_KEYS = List.of("iterations", "batchSize", "dStepsPerGStep", "seed", "g", "d");
    static final List<String> OPTIMIZER_KEYS = List.of("type", "lr", "beta1", "beta2");
    static final List<String> OUTPUT_KEYS = List.of("runsRoot", "logEvery", "sampleEvery", "checkpointEvery",
            "keepCheckpoints", "bestMetric", "bestMode");
    static final List<String> ACTIVATION_KEYS = List.of("type", "alpha", "lower", "upper");
    static final List<String> MONITOR_KEYS =
            List.of("every", "window", "chartEvery", "vanishingBelow", "explodingAbove", "alerts");
    static final List<String> ALERT_KEYS = List.of("deadFraction", "deadRise", "dRealAbove", "dFakeBelow",
            "overpowerChecks", "gSignalBelow", "policy");

    private static final Map<String, DataSource> SOURCES = Map.of("idx", DataSource.IDX, "folder", DataSource.FOLDER);
    private static final Map<String, DataConfig.Crop> CROPS =
            Map.of("center", DataConfig.Crop.CENTER, "centre", DataConfig.Crop.CENTER, "random", DataConfig.Crop.RANDOM);
    private static final Map<String, DataConfig.BadFiles> BAD_FILES =
            Map.of("skip", DataConfig.BadFiles.SKIP, "fail", DataConfig.BadFiles.FAIL);
    private static final Map<String, DataConfig.Cache> CACHES =
            Map.of("none", DataConfig.Cache.NONE, "disk", DataConfig.Cache.DISK);
    private static final Map<String, ActivationType> ACTIVATIONS = activationNames();
    private static final Map<String, String> POLICIES = byName(AlertConfig.POLICIES);
    private static final String ACTIVATION_LIST =
            "relu, leakyrelu (or leaky_relu, lrelu), prelu, rrelu, elu, selu, gelu, silu (or swish)";

    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final List<ConfigRule.Violation> problems = new ArrayList<>();

    /** Every problem found by {@link #map}, keyed by dotted path. */
    List<ConfigRule.Violation> problems() {
        return problems;
    }

    RunConfig map(JsonNode root, String defaultName) {
        YamlSection top = new YamlSection("", root, TOP_KEYS, problems);
        String name = top.text("name", defaultName, RunConfig::nameProblem);
        DataConfig data = data(top.section("data", DATA_KEYS));
        ModelConfig model = model(top.section("model", MODEL_KEYS));
        TrainConfig train = train(top.section("train", TRAIN_KEYS));
        OutputConfig output = output(top.section("output", OUTPUT_KEYS));
        MonitorConfig monitors = monitors(top.section("monitors", MONITOR_KEYS));
        return new RunConfig(name, data, model, train, output, monitors);
    }

    private DataConfig data(YamlSection s) {
        DataConfig d = Defaults.data();
        return new DataConfig(
                s.choice("source", d.source(), SOURCES, "idx, folder"),
                s.text("path", d.path(), p -> Optional.empty()),
                s.integer("imageSize", d.imageSize(), in(DataConfig.IMAGE_SIZE)),
                s.integer("channels", d.channels(), DataConfig::channelsProblem),
                s.choice("crop", d.crop(), CROPS, "center, random"),
                s.bool("flip", d.flip()),
                background(s, d.background()),
                s.choice("badFiles", d.badFiles(), BAD_FILES, "skip, fail"),
                s.integer("maxImagePixels", d.maxImagePixels(), in(DataConfig.MAX_IMAGE_PIXELS)),
                s.choice("cache", d.cache(), CACHES, "none, disk"),
                s.integer("loaderThreads", d.loaderThreads(), in(DataConfig.LOADER_THREADS)));
    }

    /** {@code "#RRGGBB"} or a name; an unquoted {@code #FFFFFF} is a YAML comment, so the key arrives empty. */
    private int background(YamlSection s, int fallback) {
        if (s.writtenEmpty("background")) {
            problem(s.at("background"), "has no value: an unquoted # starts a YAML comment; quote the colour, "
                    + "background: \"#FFFFFF\", or write black, white or grey");
            return fallback;
        }
        String text = s.text("background", DataConfig.colour(fallback), t -> DataConfig.parseColour(t).isPresent()
                ? Optional.empty()
                : Optional.of("\"" + t + "\" is not a colour; write \"#RRGGBB\" (quoted) or black, white, grey"));
        return DataConfig.parseColour(text).orElse(fallback);
    }

    private ModelConfig model(YamlSection s) {
        return new ModelConfig(
                s.integer("latentDim", Defaults.model().latentDim(), in(ModelConfig.LATENT_DIM)),
                network(s.section("generator", NETWORK_KEYS), Defaults.generator()),
                network(s.section("discriminator", NETWORK_KEYS), Defaults.discriminator()));
    }

    private NetworkConfig network(YamlSection s, NetworkConfig d) {
        return new NetworkConfig(
                s.text("architecture", d.architecture(), a -> Optional.empty()),
                widths(s, d.widths()),
                activation(s, d.activation()),
                s.bool("batchNorm", d.batchNorm()),
                s.number("initStd", d.initStd(), NetworkConfig.INIT_STD),
                params(s));
    }

    /** Free-form: the architecture decides which keys it takes (checked by the registry's rule, with lines). */
    private Map<String, Object> params(YamlSection s) {
        JsonNode node = s.value("params", "{}");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problem(s.at("params"), YamlSection.show(node) + " is not a map; write the architecture's parameters as "
                    + "key: value lines, e.g. params: {blocks: 2}");
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = PLAIN.convertValue(node, LinkedHashMap.class);
        return params;
    }

    private List<Integer> widths(YamlSection s, List<Integer> fallback) {
        JsonNode node = s.value("widths", fallback.toString());
        String key = s.at("widths");
        if (node == null) {
            return fallback;
        }
        if (!node.isArray() || node.isEmpty()) {
            String what = node.isArray() ? "must not be empty" : YamlSection.show(node) + " is not a list";
            problem(key, what + "; write one width per stage, e.g. [128, 64]");
            return fallback;
        }
        int before = problems.size();
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            widths.add(YamlSection.integer(problems, key + "[" + i + "]", node.get(i), 0, in(NetworkConfig.WIDTH)));
        }
        return problems.size() == before ? widths : fallback;
    }

    private ActivationConfig activation(YamlSection s, ActivationConfig fallback) {
        JsonNode node = s.value("activation", name(fallback.type()));
        String key = s.at("activation");
        if (node == null) {
            return fallback;
        }
        if (node.isTextual()) {
            ActivationType type = YamlSection.choice(problems, key, node, null, ACTIVATIONS, ACTIVATION_LIST);
            return type == null ? fallback : ActivationConfig.defaults(type);
        }
        if (!node.isObject()) {
            problem(key, YamlSection.show(node) + " is not an activation; write a name (relu) or a map "
                    + "({type: leakyrelu, alpha: 0.2})");
            return fallback;
        }
        int before = problems.size();
        YamlSection map = new YamlSection(key, node, ACTIVATION_KEYS, problems);
        if (!node.hasNonNull("type")) {
            problem(map.at("type"), "missing; an activation map needs a type, one of: " + ACTIVATION_LIST);
            return fallback;
        }
        ActivationType type = YamlSection.choice(problems, map.at("type"), node.get("type"), null, ACTIVATIONS,
                ACTIVATION_LIST);
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

    private TrainConfig train(YamlSection s) {
        TrainConfig d = Defaults.train();
        return new TrainConfig(
                s.integer("iterations", d.iterations(), in(TrainConfig.ITERATIONS)),
                s.integer("batchSize", d.batchSize(), in(TrainConfig.BATCH_SIZE)),
                s.integer("dStepsPerGStep", d.dStepsPerGStep(), in(TrainConfig.D_STEPS_PER_G_STEP)),
                s.seed("seed", d.seed()),
                optimizer(s.section("g", OPTIMIZER_KEYS), d.g()),
                optimizer(s.section("d", OPTIMIZER_KEYS), d.d()));
    }

    private OptimizerConfig optimizer(YamlSection s, OptimizerConfig d) {
        return new OptimizerConfig(
                s.choice("type", d.type(), byName(OptimizerConfig.TYPES), String.join(", ", OptimizerConfig.TYPES)),
                s.number("lr", d.lr(), OptimizerConfig.LR),
                s.number("beta1", d.beta1(), OptimizerConfig.BETA),
                s.number("beta2", d.beta2(), OptimizerConfig.BETA));
    }

    private OutputConfig output(YamlSection s) {
        OutputConfig d = Defaults.output();
        return new OutputConfig(
                s.text("runsRoot", d.runsRoot(), r -> Optional.empty()),
                s.integer("logEvery", d.logEvery(), in(OutputConfig.EVERY)),
                s.integer("sampleEvery", d.sampleEvery(), in(OutputConfig.EVERY)),
                s.integer("checkpointEvery", d.checkpointEvery(), in(OutputConfig.EVERY)),
                s.integer("keepCheckpoints", d.keepCheckpoints(), in(OutputConfig.KEEP)),
                s.choice("bestMetric", d.bestMetric(), exactly(OutputConfig.METRICS),
                        String.join(", ", OutputConfig.METRICS)),
                s.choice("bestMode", d.bestMode(), exactly(OutputConfig.MODES), "min, max"));
    }

    private MonitorConfig monitors(YamlSection s) {
        MonitorConfig d = Defaults.monitors();
        int every = every(s, d.every());
        int window = s.integer("window", d.window(), in(MonitorConfig.WINDOW));
        int chartEvery = s.integer("chartEvery", d.chartEvery(), in(MonitorConfig.CHART_EVERY));
        int before = problems.size();
        double vanishingBelow = s.number("vanishingBelow", d.vanishingBelow(), MonitorConfig.GRADIENT_NORM);
        double explodingAbove = s.number("explodingAbove", d.explodingAbove(), MonitorConfig.GRADIENT_NORM);
        if (problems.size() == before) {
            // Two values valid on their own can still contradict each other: blame the one the user wrote.
            boolean blameVanishing = s.has("vanishingBelow") && !s.has("explodingAbove");
            MonitorConfig.normRangeProblem(blameVanishing, vanishingBelow, explodingAbove).ifPresent(message ->
                    problem(s.at(blameVanishing ? "vanishingBelow" : "explodingAbove"), message));
        }
        boolean valid = problems.size() == before;
        return new MonitorConfig(every, window, chartEvery,
                valid ? vanishingBelow : d.vanishingBelow(),
                valid ? explodingAbove : d.explodingAbove(),
                alerts(s.section("alerts", ALERT_KEYS)));
    }

    /** YAML reads {@code every: off} as false: say how to turn the monitors off instead. */
    private int every(YamlSection s, int fallback) {
        JsonNode value = s.value("every", Integer.toString(fallback));
        if (value != null && value.isBoolean()) {
            problem(s.at("every"), value.asText() + " is not an integer: write 0 to turn the monitors off, or the "
                    + "iterations between checks (e.g. 50)");
            return fallback;
        }
        return value == null ? fallback : YamlSection.integer(problems, s.at("every"), value, fallback,
                in(MonitorConfig.EVERY));
    }

    private AlertConfig alerts(YamlSection s) {
        AlertConfig d = Defaults.alerts();
        return new AlertConfig(
                s.number("deadFraction", d.deadFraction(), AlertConfig.FRACTION),
                s.number("deadRise", d.deadRise(), AlertConfig.FRACTION),
                s.number("dRealAbove", d.dRealAbove(), AlertConfig.FRACTION),
                s.number("dFakeBelow", d.dFakeBelow(), AlertConfig.FRACTION),
                s.integer("overpowerChecks", d.overpowerChecks(), in(AlertConfig.OVERPOWER_CHECKS)),
                s.number("gSignalBelow", d.gSignalBelow(), AlertConfig.G_SIGNAL),
                policy(s.section("policy", AlertConfig.RULES), d.policy()));
    }

    /** The rules are data, so their names keep the dashes the monitors and logs use. */
    private Map<String, String> policy(YamlSection s, Map<String, String> fallback) {
        Map<String, String> policy = new LinkedHashMap<>();
        for (String rule : AlertConfig.RULES) {
            policy.put(rule, s.choice(rule, fallback.get(rule), POLICIES, String.join(", ", AlertConfig.POLICIES)));
        }
        return policy;
    }

    private void problem(String key, String message) {
        problems.add(new ConfigRule.Violation(key, message));
    }

    private static IntFunction<Optional<String>> in(Bound bound) {
        return bound::violation;
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> byName(List<String> names) {
        Map<String, String> byName = new LinkedHashMap<>();
        names.forEach(n -> byName.put(n, n));
        return byName;
    }

    /** Case-insensitive lookup that gives back the canonical spelling ({@code gloss} finds {@code gLoss}). */
    private static Map<String, String> exactly(List<String> names) {
        Map<String, String> byName = new LinkedHashMap<>();
        names.forEach(n -> byName.put(n.toLowerCase(Locale.ROOT), n));
        return byName;
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
