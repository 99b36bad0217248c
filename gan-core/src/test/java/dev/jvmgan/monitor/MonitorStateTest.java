package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.NetworkRole;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The monitors' entry in resume.json: bounded, lossless, and able to read the format that kept every check. */
class MonitorStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVERY = 50;
    private static final int WINDOW = 5;

    /** The default config's cadence (a check every 50 iterations, a window of 5), over small layers. */
    private static final class SimulatedRun {
        final DeadUnitTracker tracker = new DeadUnitTracker(WINDOW);
        final AlertRules rules = new AlertRules(AlertRules.Thresholds.defaults(), Map.of());
        final Random random = new Random(42);
        long iteration;

        /**
         * One check: per unit a share of inputs <= 0 of 16..48 in 64, or (1% of units) all 64: never positive. Unit
         * 0 of each layer is never positive at every check, so it is dead for the window once the window is full.
         *
         * @return the layers' figures and the alerts
         */
        List<Object> check() {
            iteration += EVERY;
            List<LayerUnits> units = List.of(
                    layer(DISCRIMINATOR, "act1", ActivationType.LEAKYRELU, 16, 2),
                    layer(DISCRIMINATOR, "act2", ActivationType.LEAKYRELU, 32, 2),
                    layer(GENERATOR, "act1", ActivationType.RELU, 300, 1),
                    layer(GENERATOR, "act2", ActivationType.RELU, 16, 1));
            List<Alert> alerts = rules.check(Checks.check(iteration, 0.5 + 0.5 * random.nextDouble(),
                    0.5 * random.nextDouble(), 1e-2 * random.nextDouble(), units, List.of()));
            return List.of(units, alerts);
        }

        LayerUnits layer(NetworkRole network, String name, ActivationType type, int width, int batches) {
            List<double[]> perBatch = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                double[] fractions = new double[width];
                for (int u = 0; u < width; u++) {
                    fractions[u] = u == 0 || random.nextDouble() < 0.01 ? 1.0 : (16 + random.nextInt(33)) / 64.0;
                }
                perBatch.add(fractions);
            }
            return tracker.record(network, name, type, perBatch, List.of(), null);
        }

        byte[] saved() throws Exception {
            return JSON.writeValueAsBytes(MonitorState.save(rules, tracker));
        }
    }

    @Test
    void theStateDoesNotGrowWithIterations() throws Exception {
        SimulatedRun run = new SimulatedRun();
        while (run.iteration < 1_000) {
            run.check();
        }
        byte[] at1k = run.saved();
        while (run.iteration < 100_000) {
            run.check();
        }
        byte[] at100k = run.saved();

        // Only digits may differ (iterations, fractions): the same values in the same structure.
        assertThat(values(JSON.readTree(at100k))).isEqualTo(values(JSON.readTree(at1k)));
        assertThat(at100k.length).isBetween(at1k.length - 64, at1k.length + 64);
        JsonNode window = JSON.readTree(at100k).get("deadUnitWindow");
        assertThat(window.fieldNames()).toIterable().containsExactly("D/act1", "D/act2", "G/act1", "G/act2");
        window.forEach(layer -> assertThat(layer.get("checks")).hasSize(WINDOW));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRestoredStateGoesOnExactlyAsTheOriginal() throws Exception {
        SimulatedRun original = new SimulatedRun();
        for (int i = 0; i < 12; i++) {
            original.check();
        }
        SimulatedRun restored = new SimulatedRun();
        MonitorState.restore(JSON.readTree(original.saved()), restored.rules, restored.tracker);
        assertThat(restored.saved()).isEqualTo(original.saved());

        restored.iteration = original.iteration;
        restored.random.setSeed(7);
        original.random.setSeed(7);
        for (int i = 0; i < 2 * WINDOW; i++) {
            List<Object> expected = original.check();
            assertThat(restored.check()).isEqualTo(expected);
            // deadForWindow counts unit 0 only if the window came back whole.
            assertThat(((List<LayerUnits>) expected.get(0)).get(2).deadForWindow()).isPositive();
        }
        assertThat(restored.saved()).isEqualTo(original.saved());
    }

    @Test
    void masksArePackedEightUnitsAByteAndReadBack() {
        boolean[] mask = new boolean[10];
        mask[0] = true;
        mask[9] = true;
        // Bit 0 of byte 0 and bit 1 of byte 1: 0x01 0x02, Base64 "AQI=".
        assertThat(MonitorState.pack(mask)).isEqualTo("AQI=");
        Random random = new Random(3);
        for (int units : new int[] {0, 1, 7, 8, 9, 6272}) {
            boolean[] m = new boolean[units];
            for (int u = 0; u < units; u++) {
                m[u] = random.nextBoolean();
            }
            assertThat(MonitorState.unpack(MonitorState.pack(m), units, "G/act1")).as("%d units", units).isEqualTo(m);
        }
    }

    @Test
    void aStateThatDoesNotFitIsRefusedSayingWhere() throws Exception {
        SimulatedRun run = new SimulatedRun();
        run.check();
        ObjectNode state = (ObjectNode) JSON.readTree(run.saved());
        ((ObjectNode) state.get("deadUnitWindow").get("G/act2")).put("units", 17);
        assertThatThrownBy(() -> MonitorState.restore(state, run.rules, run.tracker))
                .hasMessageContaining("deadUnitWindow.G/act2").hasMessageContaining("17 units");
        ((ObjectNode) state.get("deadUnitWindow").get("G/act2")).put("units", 16).putArray("checks").add("*");
        assertThatThrownBy(() -> MonitorState.restore(state, run.rules, run.tracker))
                .hasMessageContaining("deadUnitWindow.G/act2").hasMessageContaining("Base64");
        assertThatThrownBy(() -> MonitorState.restore(JSON.createObjectNode(), run.rules, run.tracker))
                .hasMessageContaining("deadUnitWindow");
    }

    /**
     * A checkpoint written before this format (by commit b4793ed, at iteration 4 of a run whose D act1 was 50% dead
     * from iteration 2 on) resumes: the next check, iteration 6, raises what that version's uninterrupted run raised
     * (nothing: the layer had already alerted), and the window holds the old masks.
     */
    @Test
    void aCheckpointThatKeptEveryCheckStillResumes() throws Exception {
        JsonNode old = JSON.readTree(resource("main-relu-iter-4-monitors.json"));
        List<JsonNode> records = new ArrayList<>();
        for (String line : resource("main-relu-metrics.jsonl").split("\n")) {
            JsonNode record = JSON.readTree(line);
            if (record.get("type").asText().equals("monitor")) {
                records.add(record);
            }
        }
        JsonNode at6 = records.get(2);
        assertThat(at6.get("iteration").asLong()).isEqualTo(6);
        CheckSnapshot check6 = MonitorRecords.fromJson(at6);

        DeadUnitTracker tracker = new DeadUnitTracker(2);
        AlertRules rules = new AlertRules(AlertRules.Thresholds.defaults(), Map.of());
        MonitorState.restore(old, rules, tracker);
        List<String> raised = rules.check(check6).stream().map(Alert::rule).toList();
        assertThat(raised).isEqualTo(JSON.convertValue(at6.get("alerts"), List.class));
        // The control: rules that forgot the history would alert on D act1 again.
        assertThat(new AlertRules(AlertRules.Thresholds.defaults(), Map.of()).check(check6)).extracting(Alert::rule)
                .contains(AlertRules.DEAD_UNITS);

        Map<String, List<boolean[]>> masks = tracker.masks();
        assertThat(masks.keySet()).containsExactly("D/act1", "D/act2", "G/act1", "G/act2");
        JsonNode oldWindow = old.get("deadUnitWindow").get("D/act1");
        assertThat(masks.get("D/act1")).hasSize(oldWindow.size());
        for (int check = 0; check < oldWindow.size(); check++) {
            boolean[] mask = masks.get("D/act1").get(check);
            for (int u = 0; u < mask.length; u++) {
                assertThat(mask[u]).isEqualTo(oldWindow.get(check).get(u).asBoolean());
            }
        }
    }

    /** Every key and the kind of every value of a JSON tree, in order. */
    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isContainerNode()) {
            node.fieldNames().forEachRemaining(name -> out.add("key " + name));
            node.forEach(child -> out.addAll(values(child)));
        } else {
            out.add(node.getNodeType().name());
        }
        return out;
    }

    static String resource(String name) throws Exception {
        try (InputStream in = MonitorStateTest.class.getResourceAsStream("/monitor/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
