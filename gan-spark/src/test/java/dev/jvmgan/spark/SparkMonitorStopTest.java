package dev.jvmgan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.cli.GanCli;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert whose policy is {@code stop} ends a Spark run as it ends a local one: {@code gan train} exits 1 naming the
 * rule, the alert is recorded, and no checkpoint is written at the iteration of the check.
 */
class SparkMonitorStopTest {

    @Test
    void aStopAlertEndsTheSparkRunAsItEndsTheLocalRun(@TempDir Path dir) throws Exception {
        // g-gradient-vanishing fires at the first check whatever G's signal is: every norm is below 1e9.
        AlertConfig a = Defaults.alerts();
        Map<String, String> policy = new LinkedHashMap<>(a.policy());
        policy.put(AlertConfig.G_GRADIENT_VANISHING, AlertConfig.STOP);
        AlertConfig stopping = new AlertConfig(a.deadFraction(), a.deadRise(), a.dRealAbove(), a.dFakeBelow(),
                a.overpowerChecks(), 1e9, policy);
        Path images = TinySpark.images(dir, 40);
        Path localRuns = dir.resolve("local");
        Path sparkRuns = dir.resolve("spark");
        Path localRun = train(TinySpark.withMonitors(TinySpark.config(images, localRuns, 8, 2, 2, 2), 4, stopping),
                dir.resolve("local.yaml"), GanCli.FAILURE);
        Path sparkRun = train(TinySpark.withMonitors(TinySpark.config(images, sparkRuns, 8, 2, 2, 2), 4, stopping),
                dir.resolve("spark.yaml"), GanCli.FAILURE, "--spark", "local[2]");

        for (Path run : List.of(localRun, sparkRun)) {
            assertThat(SparkMonitorsTest.records(run, "train")).as(run + ": iterations before the check's")
                    .extracting(r -> r.get("iteration").asLong()).containsExactly(1L, 2L, 3L);
            List<JsonNode> alerts = SparkMonitorsTest.records(run, "alert");
            assertThat(alerts).as(run + ": the alert").hasSize(1);
            assertThat(alerts.get(0).get("iteration").asLong()).isEqualTo(4);
            assertThat(alerts.get(0).get("rule").asText()).isEqualTo(AlertConfig.G_GRADIENT_VANISHING);
            assertThat(alerts.get(0).get("policy").asText()).isEqualTo(AlertConfig.STOP);
            assertThat(Checkpoints.list(run)).as(run + ": the last checkpoint before the check, none at it")
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly(Checkpoints.file(run, 2).getFileName().toString());
        }
    }

    /** {@code gan train} of {@code config} (written to {@code yaml}) with {@code options}; returns the run directory. */
    private static Path train(RunConfig config, Path yaml, int expectedExit, String... options) throws IOException {
        Files.writeString(yaml, ConfigLoader.toYaml(config));
        String[] args = new String[2 + options.length];
        args[0] = "train";
        args[1] = yaml.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = GanCli.run(args);
        } finally {
            System.setErr(err);
        }
        assertThat(code).as(String.join(" ", args)).isEqualTo(expectedExit);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("error: stopped by monitors.alerts.policy.g-gradient-vanishing = stop: G's gradient is "
                        + "vanishing at iteration 4");
        File[] runs = Path.of(config.output().runsRoot()).toFile().listFiles(File::isDirectory);
        assertThat(runs).as("one run directory").hasSize(1);
        return runs[0].toPath();
    }
}
