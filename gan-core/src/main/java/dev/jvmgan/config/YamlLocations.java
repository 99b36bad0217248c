package dev.jvmgan.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each key path of a config came from: a line of the file, or a {@code --set} override. Jackson's tree
 * model drops locations, so the file's tokens are walked once up front to record them.
 */
final class YamlLocations {

    private record Origin(String source, int line) {
    }

    private final String fileSource;
    private final Map<String, Origin> origins = new HashMap<>();
    private final List<ConfigProblem> duplicates = new ArrayList<>();

    private YamlLocations(String fileSource) {
        this.fileSource = fileSource;
    }

    /**
     * Records the line of every key ({@code train.d.lr}) and list element ({@code model.generator.widths[1]}).
     *
     * @throws JacksonException on a YAML syntax error, located by the caller
     */
    static YamlLocations scan(YAMLFactory factory, String yamlText, String fileSource) throws JacksonException {
        YamlLocations locations = new YamlLocations(fileSource);
        // Each frame is an open map or list: its own path, the key last read in it, the next list index.
        record Frame(String path, boolean list, String[] key, int[] index) {
        }
        Deque<Frame> open = new ArrayDeque<>();
        try (JsonParser parser = factory.createParser(yamlText)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                Frame top = open.peek();
                if (token == JsonToken.FIELD_NAME) {
                    String path = join(top.path(), parser.currentName());
                    top.key()[0] = path;
                    locations.recordKey(path, line);
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                    continue;
                }
                String valuePath = "";
                if (top != null && top.list()) {
                    valuePath = top.path() + "[" + top.index()[0]++ + "]";
                    locations.origins.put(valuePath, new Origin(fileSource, line));
                } else if (top != null) {
                    valuePath = top.key()[0];
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    open.push(new Frame(valuePath, token == JsonToken.START_ARRAY, new String[1], new int[1]));
                }
            }
        } catch (JacksonException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string cannot fail with I/O", e);
        }
        return locations;
    }

    private void recordKey(String path, int line) {
        Origin first = origins.putIfAbsent(path, new Origin(fileSource, line));
        if (first != null) {
            duplicates.add(new ConfigProblem(fileSource, line, path,
                    "duplicate key (first set on line " + first.line() + "); the last one would win, so delete one"));
        }
    }

    /** Keys written twice: YAML parsers silently keep the last, which hides edits that seem to do nothing. */
    List<ConfigProblem> duplicates() {
        return duplicates;
    }

    /** Every key path written, list elements included ({@code model.generator.widths[0]}). */
    Set<String> paths() {
        return Collections.unmodifiableSet(origins.keySet());
    }

    /** True if the file or an earlier override wrote {@code path} itself (not merely a parent of it). */
    boolean isWritten(String path) {
        return origins.containsKey(path);
    }

    /** {@code path} now comes from an override: anything the file said below it is gone. */
    void markOverridden(String path) {
        origins.keySet().removeIf(k -> k.startsWith(path + ".") || k.startsWith(path + "["));
        origins.put(path, new Origin(ConfigProblem.OVERRIDE_SOURCE, 0));
    }

    /**
     * Places a problem at its key's line; a key left to its default is placed at its nearest written parent
     * ({@code train} for {@code train.batchSize}), and at the file itself if no parent was written.
     */
    ConfigProblem locate(ConfigRule.Violation violation) {
        for (String path = violation.key(); !path.isEmpty(); path = parent(path)) {
            Origin origin = origins.get(path);
            if (origin != null) {
                return new ConfigProblem(origin.source(), origin.line(), violation.key(), violation.message());
            }
        }
        return new ConfigProblem(fileSource, 0, violation.key(), violation.message());
    }

    static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
