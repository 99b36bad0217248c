package dev.jvmgan.report;

import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.ConfigException;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's resolved config.yaml, read through the public loader, and how configs differ: from the defaults (the
 * loader's reading of an empty file, so wherever defaults are declared, this follows) and from each other.
 *
 * @param config  the config, or empty when the file is missing or no longer loads (a run of an older toolkit)
 * @param problem why it is empty, for the page; "" when it loaded
 */
record RunConfigs(Optional<RunConfig> config, String problem) {
    static final String FILE = "config.yaml";

    /** Reads {@code runDirectory/config.yaml} without the plug-in architecture rules (the report builds nothing). */
    static RunConfigs read(Path runDirectory) {
        Path file = runDirectory.resolve(FILE);
        if (!file.toFile().isFile()) {
            return new RunConfigs(Optional.empty(), file + " is missing");
        }
        try {
            return new RunConfigs(Optional.of(ConfigLoader.load(file, List.of(), List.of())), "");
        } catch (ConfigException e) {
            String first = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).toString();
            return new RunConfigs(Optional.empty(), "does not load with this toolkit: " + first
                    + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more)" : ""));
        }
    }

    /** The run's values that differ from the defaults ({@code name} aside), in config-file order. */
    static List<ConfigDiff.Change> fromDefaults(RunConfig config) {
        RunConfig defaults = ConfigLoader.parse("", "(defaults)", config.name(), List.of(), List.of());
        return ConfigDiff.between(defaults, config);
    }

    /**
     * The keys whose values are not the same in every config, each with its value per config (in the order given).
     * {@code name} counts, so runs are told apart even when nothing else differs.
     */
    static Map<String, List<String>> across(List<RunConfig> configs) {
        Map<String, List<String>> table = new LinkedHashMap<>();
        if (configs.size() < 2) {
            return table;
        }
        RunConfig first = configs.get(0);
        List<Map<String, ConfigDiff.Change>> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (RunConfig other : configs.subList(1, configs.size())) {
            Map<String, ConfigDiff.Change> byKey = new LinkedHashMap<>();
            for (ConfigDiff.Change c : ConfigDiff.between(first, other)) {
                byKey.put(c.key(), c);
                keys.add(c.key());
            }
            changes.add(byKey);
        }
        for (String key : keys) {
            String firstValue = changes.stream().map(m -> m.get(key)).filter(c -> c != null).findFirst()
                    .map(ConfigDiff.Change::before).orElse("");
            List<String> row = new ArrayList<>(List.of(firstValue));
            for (Map<String, ConfigDiff.Change> byKey : changes) {
                ConfigDiff.Change c = byKey.get(key);
                row.add(c == null ? firstValue : c.after());
            }
            table.put(key, row);
        }
        return table;
    }
}
