package dev.jvmgan.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.run.TinyRuns;
import dev.jvmgan.run.TrainingRun;
import dev.jvmgan.train.TrainingDivergedException;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The monitors inside real (tiny) training runs. */
class MonitorListenerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tiny run with a ReLU discriminator, checked every 2 iterations with a window of 2 checks. */
    static RunConfig reluRun(Path tmp, int iterations, String deadUnitsPolicy) throws Exception {
        RunConfig base = TinyRuns.config(TinyRuns.idxImages(tmp, 16, 9), tmp.resolve("runs"), iterations);
        ModelConfig m = base.model();
        NetworkConfig d = m.discriminator();
        ModelConfig model = new ModelConfig(m.latentDim(), m.generator(),
                new NetworkConfig(d.architecture(), d.widths(), ActivationConfig.relu(), d.batchNorm(), d.initStd()));
        AlertConfig a = base.monitors().alerts();
        Map<String, String> policy = new LinkedHashMap<>(a.policy());
        policy.put(AlertConfig.DEAD_UNITS, deadUnitsPolicy);
        MonitorConfig monitors = new MonitorConfig(2, 2, 2, 1e-7, 1e3, new AlertConfig(0.3, a.deadRise(),
                a.dRealAbove(), a.dFakeBelow(), a.overpowerChecks(), a.gSignalBelow(), policy));
        return new RunConfig(base.name(), base.data(), model, base.train(), base.output(), monitors);
    }

    /**
     * Makes D's conv1 channels 0 and 2 always negative: zero weights, bias -1000 (Adam moves it ~1e-3 a step). A
     * resumed run's networks come from the checkpoint with the channels dead already, and are left alone.
     */
    static TrainingListener killConv1Channels() {
        return new TrainingListener() {
            @Override
            public void trainingStarted(TrainingSession session) {
                INDArray w = session.discriminator().parameterTable().get("conv1/W");
                INDArray b = session.discriminator().parameterTable().get("conv1/b");
                if (b.getDouble(0) < -500) {
                    return;
                }
                for (int channel : new int[]{0, 2}) {
                    w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(channel)).assign(0);
                    b.putScalar(channel, -1000);
                }
            }
        };
    }

    static List<JsonNode> records(Path runDir, String type) throws Exception {
        return Files.readAllLines(runDir.resolve("metrics.jsonl")).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(r -> r.get("type").asText().equals(type)).toList();
    }

    static JsonNode layer(JsonNode record, String network, String name) {
        for (JsonNode l : record.get("layers")) {
            if (l.get("network").asText().equals(network) && l.get("layer").asText().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + network + " " + name + " in " + record);
    }

    @Test
    void reportsExactlyTheUnitsMadeDeadAndAlerts(@TempDir Path tmp) throws Exception {
        Path runDir = new TrainingRun(reluRun(tmp, 6, "warn"), false).withListener(killConv1Channels()).run();

        List<JsonNode> checks = records(runDir, "monitor");
        assertThat(checks).extracting(r -> r.get("iteration").asLong()).containsExactly(2L, 4L, 6L);
        for (JsonNode check : checks) {
            JsonNode act1 = layer(check, "D", "act1");
            assertThat(act1.get("activation").asText()).isEqualTo("relu");
            assertThat(act1.get("label").asText()).isEqualTo("dead");
            assertThat(act1.get("units").asInt()).isEqualTo(4);
            assertThat(act1.get("neverPositive").asInt()).isEqualTo(2);
            assertThat(act1.get("neverPositiveFraction").asDouble()).isEqualTo(0.5);
        }
        assertThat(layer(checks.get(0), "D", "act1").get("deadForWindow").asInt()).isZero();
        assertThat(layer(checks.get(1), "D", "act1").get("deadForWindow").asInt()).isEqualTo(2);
        assertThat(layer(checks.get(0), "G", "act1").get("activation").asText()).isEqualTo("relu");

        JsonNode first = checks.get(0);
        assertThat(first.get("gSignal").asDouble()).isPositive();
        assertThat(first.get("dRealInputGradient").asDouble()).isPositive();
        assertThat(first.get("gOutputTanhSaturated").asDouble()).isBetween(0.0, 1.0);
        JsonNode conv2W = null;
        for (JsonNode g : first.get("gradients")) {
            if (g.get("network").asText().equals("D") && g.get("layer").asText().equals("conv2")
                    && g.get("param").asText().equals("W")) {
                conv2W = g;
            }
            assertThat(g.get("param").asText()).isNotIn("mean", "var", "log10stdev");
        }
        assertThat(conv2W).isNotNull();
        assertThat(conv2W.get("norm").asDouble()).isPositive();
        assertThat(conv2W.get("updateRatio").asDouble()).isPositive();

        List<JsonNode> alerts = records(runDir, "alert");
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.get(0).get("rule").asText()).isEqualTo("dead-units");
        assertThat(alerts.get(0).get("message").asText()).contains("D act1").contains("50% of units (2 of 4)");

        assertThat(ImageIO.read(runDir.resolve(MonitorCharts.DEAD_UNITS_PNG).toFile()).getWidth()).isEqualTo(900);
        assertThat(runDir.resolve(MonitorCharts.GRADIENT_NORMS_PNG)).isNotEmptyFile();
    }

    @Test
    void aStopPolicyEndsTheRunKeepingTheLastCheckpoint(@TempDir Path tmp) throws Exception {
        TrainingRun run = new TrainingRun(reluRun(tmp, 6, "stop"), false).withListener(killConv1Channels());
        assertThatThrownBy(run::run).isInstanceOf(MonitorStopException.class)
                .hasMessageContaining("monitors.alerts.policy.dead-units = stop").hasMessageContaining("D act1");
        assertThat(Checkpoints.latest(tmp.resolve("runs/00000-tiny"))).isEmpty();
    }

    @Test
    void aNanInOneLayerStopsTheRunNamingIt(@TempDir Path tmp) throws Exception {
        TrainingListener poison = new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession session, dev.jvmgan.train.IterationStats stats) {
                if (stats.iteration() == 4) {
                    session.discriminator().parameterTable().get("conv2/W").putScalar(5, Double.NaN);
                }
            }
        };
        RunConfig config = TinyRuns.config(TinyRuns.idxImages(tmp, 16, 4), tmp.resolve("runs"), 8);
        TrainingRun run = new TrainingRun(config, false).withListener(poison);

        assertThatThrownBy(run::run).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("iteration 5").hasMessageContaining("D parameter conv2/W");
        assertThat(Checkpoints.latest(tmp.resolve("runs/00000-tiny")))
                .contains(Checkpoints.file(tmp.resolve("runs/00000-tiny"), 4));
    }
}
