package dev.jvmgan.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a run config from YAML, reporting every problem of the file at once with its line, and writes the resolved
 * config back. Every key may be omitted (see {@link Defaults}); unknown keys are errors.
 *
 * <pre>{@code
 * RunConfig config = ConfigLoader.load(Path.of("configs/fashion-dcgan.yaml"),
 *         List.of("train.batchSize=128"), List.of(registry.rule()));
 * }</pre>
 *
 * A failure is one {@link ConfigException} whose message reads like
 * {@code configs/fashion-dcgan.yaml:14: train.d.lr: -0.1 must be > 0 and < 1}.
 */
public final class ConfigLoader {
    private static final YAMLMapper READER = new YAMLMapper();
    // A separate writer: a builder-made factory reads `key:` (no value) as "" instead of null.
    private static final YAMLMapper WRITER = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new QuoteUnlessReadBackVerbatim()).build())
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    /**
     * Jackson's own rules write {@code 1e3} or {@code 0x1F} bare, which its parser then reads as numbers; asking
     * the parser itself is the only test that cannot drift from it.
     */
    private static final class QuoteUnlessReadBackVerbatim extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            if (super.needToQuoteValue(value)) {
                return true;
            }
            try {
                JsonNode readBack = READER.readTree(value);
                return readBack == null || !readBack.isTextual() || !readBack.textValue().equals(value);
            } catch (JacksonException e) {
                return true;
            }
        }
    }

    private ConfigLoader() {
    }

    /**
     * Loads {@code file}; the run is named after the file ({@code configs/fashion-dcgan.yaml} gives
     * {@code fashion-dcgan}) unless the YAML sets {@code name}.
     *
     * @param overrides {@code dotted.key=value} strings from {@code --set}, applied in order over the file
     * @param rules     cross-field rules checked after the built-in ones, once every key is valid on its own
     * @throws ConfigException listing every problem: missing file, syntax, keys, types, ranges, rules
     */
    public static RunConfig load(Path file, List<String> overrides, List<ConfigRule> rules) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(source, notFound(file));
        } catch (MalformedInputException e) {
            throw fileProblem(source, "is not UTF-8 text; a config must be a UTF-8 YAML file");
        } catch (IOException e) {
            throw fileProblem(source, Files.isDirectory(file) ? "is a directory, not a YAML file"
                    : "cannot be read: " + e.getMessage());
        }
        return parse(text, source, baseName(file), overrides, rules);
    }

    /**
     * Parses YAML text. {@code sourceName} is what problems are reported against; {@code runName} is the name
     * unless the YAML sets {@code name}.
     *
     * @throws ConfigException listing every problem
     */
    public static RunConfig parse(String yamlText, String sourceName, String runName, List<String> overrides,
                                  List<ConfigRule> rules) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(rules, "rules");
        RunConfig.nameProblem(Objects.requireNonNull(runName, "runName")).ifPresent(message -> {
            throw new IllegalArgumentException("runName: " + message);
        });
        YamlLocations locations;
        JsonNode root;
        try {
            locations = YamlLocations.scan(READER.getFactory(), yamlText, sourceName);
            root = READER.readTree(yamlText);
        } catch (JacksonException e) {
            throw new ConfigException(List.of(new ConfigProblem(sourceName, syntaxLine(e), "",
                    "YAML syntax error: " + syntaxMessage(e))));
        }
        List<ConfigProblem> problems = new ArrayList<>(locations.duplicates());
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = READER.createObjectNode(); // an empty file, or only comments: every default applies
        }
        if (root.isObject()) {
            Overrides.apply((ObjectNode) root, overrides, READER, locations, problems);
        }
        List<ConfigRule.Violation> violations = new ArrayList<>();
        RunConfig config = RunConfig.SCHEMA.readRoot(root, Defaults.run(runName), violations);
        violations.forEach(violation -> problems.add(locations.locate(violation)));
        throwIfAny(problems);
        // Rules see only a config whose every value is valid, so they need no defensive checks of their own.
        Stream.concat(BuiltInRules.ALL.stream(), rules.stream())
                .flatMap(rule -> rule.check(config).stream())
                .forEach(violation -> problems.add(locations.locate(violation)));
        throwIfAny(problems);
        return config;
    }

    /**
     * The resolved config in the loader's schema, every key written (but a network's own {@code conditional}, which is
     * written only when set: left out, it inherits {@code model.conditional}), enum-like values in lower case, such that
     * {@code parse(toYaml(c), ...)} equals {@code c}.
     */
    public static String toYaml(RunConfig config) {
        try {
            return "# Resolved config: every key, defaults filled in.\n"
                    + WRITER.writeValueAsString(RunConfig.SCHEMA.write(config));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a config tree as YAML", e);
        }
    }

    /** The parser's own words, without its multi-line excerpt of the file (the line number replaces it). */
    static String syntaxMessage(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException marked) {
            String context = marked.getContext();
            Mark start = marked.getContextMark();
            if (context == null) {
                return marked.getProblem();
            }
            boolean elsewhere = start != null && start.getLine() != marked.getProblemMark().getLine();
            // snakeyaml names the token it stumbled on, not the bracket that was never closed before it.
            String unclosed = context.contains("flow mapping") ? "; is a closing } missing?"
                    : context.contains("flow sequence") ? "; is a closing ] missing?" : "";
            return marked.getProblem() + " (" + context + (elsewhere ? " started on line " + (start.getLine() + 1)
                    : "") + ")" + unclosed;
        }
        return e.getOriginalMessage();
    }

    private static int syntaxLine(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        JsonLocation location = e.getLocation();
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static void throwIfAny(List<ConfigProblem> problems) {
        if (!problems.isEmpty()) {
            // File problems in line order read like the file; overrides come last, in the order given.
            problems.sort(Comparator
                    .comparingInt((ConfigProblem p) -> p.source().equals(ConfigProblem.OVERRIDE_SOURCE) ? 1 : 0)
                    .thenComparingInt(ConfigProblem::line));
            throw new ConfigException(problems);
        }
    }

    private static ConfigException fileProblem(String source, String message) {
        return new ConfigException(List.of(new ConfigProblem(source, 0, "", message)));
    }

    private static String notFound(Path file) {
        String message = "file not found (working directory: " + Path.of("").toAbsolutePath() + ")";
        Path parent = file.getParent();
        Path directory = parent == null ? Path.of("") : parent;
        if (!Files.isDirectory(directory)) {
            return message + "; directory " + directory + " does not exist either";
        }
        try (Stream<Path> siblings = Files.list(directory)) {
            List<String> configs = siblings.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml")).sorted().toList();
            return message + DidYouMean.closest(file.getFileName().toString(), configs)
                    .map(n -> "; did you mean " + (parent == null ? n : parent.resolve(n)) + "?")
                    .orElse(configs.isEmpty() ? "" : "; configs there: " + String.join(", ", configs));
        } catch (IOException e) {
            return message;
        }
    }

    /** {@code configs/fashion-dcgan.yaml} gives {@code fashion-dcgan}. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
