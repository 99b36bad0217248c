package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitors' lines of metrics.jsonl, against lines the toolkit wrote before the split (see resources/monitor). */
class MonitorRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void linesWrittenBeforeTheSplitReadBackAndWriteOutByteForByte() throws Exception {
        List<CheckSnapshot> checks = new ArrayList<>();
        int alerts = 0;
        for (String file : List.of("main-relu-metrics.jsonl", "main-prelu-metrics.jsonl")) {
            for (String line : MonitorStateTest.resource(file).split("\n")) {
                JsonNode record = JSON.readTree(line);
                switch (record.get("type").asText()) {
                    case MonitorRecords.MONITOR -> {
                        List<Alert> raised = new ArrayList<>();
                        record.get("alerts").forEach(rule -> raised.add(
                                new Alert(rule.asText(), AlertPolicy.WARN, record.get("iteration").asLong(), "-")));
                        CheckSnapshot check = MonitorRecords.fromJson(record);
                        assertThat(JSON.writeValueAsString(MonitorRecords.toJson(check, raised))).isEqualTo(line);
                        checks.add(check);
                    }
                    case MonitorRecords.ALERT -> {
                        Alert alert = new Alert(record.get("rule").asText(),
                                AlertPolicy.valueOf(record.get("policy").asText().toUpperCase(Locale.ROOT)),
                                record.get("iteration").asLong(), record.get("message").asText());
                        assertThat(JSON.writeValueAsString(MonitorRecords.toJson(alert))).isEqualTo(line);
                        alerts++;
                    }
                    default -> { }
                }
            }
        }
        assertThat(checks).extracting(CheckSnapshot::iteration).containsExactly(2L, 4L, 6L, 2L);
        assertThat(alerts).isEqualTo(1);
        // The PReLU run's D layers carry their slopes; the letters came back as roles.
        CheckSnapshot prelu = checks.get(3);
        assertThat(prelu.units()).extracting(u -> u.network() + " " + u.type() + " " + u.preluSlopes().length)
                .containsExactly("DISCRIMINATOR PRELU 3", "DISCRIMINATOR PRELU 3", "GENERATOR RELU 0",
                        "GENERATOR RELU 0");
    }

    @Test
    void aCheckWithoutTanhOutputAndWithNaNsComesBackEqual() throws Exception {
        CheckSnapshot check = new CheckSnapshot(150, 0.7, 0.3, Double.NaN, 0.25, 0.125, 0, OptionalDouble.empty(),
                List.of(Checks.layer(GENERATOR, "act1", ActivationType.SILU, 3, 8),
                        new LayerUnits(DISCRIMINATOR, "act2", ActivationType.PRELU, 4, 0, 0, 0, 0.5, 0,
                                new double[] {0.1, 0.2, 0.3})),
                List.of(new ParamGradient(DISCRIMINATOR, "conv1", "W", Double.POSITIVE_INFINITY, 2, 1e-3, false,
                        true)));
        String line = JSON.writeValueAsString(MonitorRecords.toJson(check, List.of()));

        assertThat(JSON.readTree(line).has("gOutputTanhSaturated")).isFalse();
        assertThat(MonitorRecords.fromJson(JSON.readTree(line))).isEqualTo(check);
    }

    @Test
    void aCheckGoesOutAsOneMonitorRecordThenOneRecordPerAlert() {
        List<ObjectNode> out = new ArrayList<>();
        CheckSnapshot check = Checks.check(100, 0.99, 0.01, 1e-2, List.of(), List.of());
        List<Alert> raised = List.of(new Alert(AlertRules.D_OVERPOWERING, AlertPolicy.STOP, 100, "D overpowers G"),
                new Alert(AlertRules.G_GRADIENT_VANISHING, AlertPolicy.WARN, 100, "G's gradient"));

        new MonitorRecords(out::add).checked(null, check, raised);

        assertThat(out).extracting(r -> r.get("type").asText()).containsExactly("monitor", "alert", "alert");
        assertThat(out.get(0).get("alerts")).extracting(JsonNode::asText)
                .containsExactly("d-overpowering", "g-gradient-vanishing");
        assertThat(out.get(1).get("policy").asText()).isEqualTo("stop");
    }

    @Test
    void readingAFileSkipsOtherRecordsAndNamesTheLineOfABadOne(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("metrics.jsonl"),
                MonitorStateTest.resource("main-relu-metrics.jsonl"));
        assertThat(MonitorRecords.read(file)).extracting(CheckSnapshot::iteration).containsExactly(2L, 4L, 6L);

        ObjectNode broken = MonitorRecords.toJson(Checks.check(8, 0.5, 0.5, 0.1, List.of(), List.of()), List.of());
        broken.remove("dFake");
        Files.writeString(file, "{\"type\":\"train\",\"iteration\":8}\n" + JSON.writeValueAsString(broken) + "\n");
        assertThatThrownBy(() -> MonitorRecords.read(file)).hasMessageContaining(file + ":2")
                .hasMessageContaining("'dFake'");
        ObjectNode unknown = MonitorRecords.toJson(Checks.check(8, 0.5, 0.5, 0.1,
                List.of(Checks.layer(DISCRIMINATOR, "act1", ActivationType.RELU, 0, 4)), List.of()), List.of());
        ((ObjectNode) unknown.get("layers").get(0)).put("network", "C");
        assertThatThrownBy(() -> MonitorRecords.fromJson(unknown)).hasMessageContaining("\"C\"");
    }
}
