package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.AlertConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.monitor.MonitorStopException;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rollback policy: back to best.zip bitwise, learning rates scaled, at most maxRollbacks times. */
class RollbackTest {

    @Test
    void restoresTheBestCheckpointBitwiseAndScalesBothLearningRates(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 31);
        RunConfig tiny = TinyRuns.config(images, tmp.resolve("runs"), 6);
        RunConfig config = new RunConfig(tiny.name(), tiny.data(), tiny.model(), tiny.train(),
                new OutputConfig(tmp.resolve("runs").toString(), 1, 100, 2, 5, "gLoss", "min"), tiny.monitors());
        Path runDir = new TrainingRun(config, false).run();
        Checkpoint best = Checkpoint.read(Checkpoints.best(runDir), true);
        // Live networks that differ from the checkpoint: a new run's, with another seed, before any update.
        RunNetworks live = RunNetworks.of(config, new ImageShape(1, 8), Seeds.of(99), null);
        assertThat(live.generator().params()).isNotEqualTo(best.generator().params());

        var record = new Rollback(live.generator(), live.discriminator(), live.average()).toBest(runDir, 0.5);

        assertThat(record).isPresent();
        assertThat(record.get().get("to").asLong()).isEqualTo(best.state().iteration());
        assertThat(live.generator().params()).isEqualTo(best.generator().params());
        assertThat(live.discriminator().params()).isEqualTo(best.discriminator().params());
        assertThat(((NeuralNetwork) live.generator().model()).updaterState())
                .isEqualTo(((NeuralNetwork) best.generator()).updaterState());
        assertThat(((NeuralNetwork) live.discriminator().model()).updaterState())
                .isEqualTo(((NeuralNetwork) best.discriminator()).updaterState());
        assertThat(live.generator().updateCount()).isEqualTo(best.state().iteration());
        // Read back from DL4J's configuration of every layer: train.g.lr and train.d.lr are 2e-4.
        assertThat(live.generator().learningRates().values()).isNotEmpty().allSatisfy(lr -> assertThat(lr)
                .isEqualTo(1e-4));
        assertThat(live.discriminator().learningRates().values()).isNotEmpty().allSatisfy(lr -> assertThat(lr)
                .isEqualTo(1e-4));
        assertThat(record.get().get("gLr").asDouble()).isEqualTo(1e-4);
    }

    @Test
    void withoutABestCheckpointNothingChanges(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 32);
        RunConfig config = TinyRuns.config(images, tmp.resolve("runs"), 1);
        RunNetworks live = RunNetworks.of(config, new ImageShape(1, 8), Seeds.of(1), null);
        var before = live.generator().params().dup();

        assertThat(new Rollback(live.generator(), live.discriminator(), live.average())
                .toBest(tmp, 0.5)).isEmpty();
        assertThat(live.generator().params()).isEqualTo(before);
        assertThat(live.generator().learningRates().values()).allSatisfy(lr -> assertThat(lr).isEqualTo(2e-4));
    }

    @Test
    void aRunRollsBackAtMostMaxRollbacksTimesThenStops(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 33);
        RunConfig base = EvalRunTest.config(images, tmp.resolve("runs"), 30, 1, "fd");
        AlertConfig a = base.monitors().alerts();
        Map<String, String> policy = new LinkedHashMap<>(a.policy());
        policy.put("quality-regressed", "rollback");
        // Every score above the best fires at once: a tiny GAN's FD goes up and down, so rollbacks come quickly.
        AlertConfig rollingBack = new AlertConfig(a.deadFraction(), a.deadRise(), a.dRealAbove(), a.dFakeBelow(),
                a.overpowerChecks(), a.gSignalBelow(), 1e-9, 1, 0.0, 0.0, 0.5, 2, policy);
        RunConfig config = EvalRunTest.withAlerts(base, rollingBack);
        TrainingRun run = EvalRunTest.run(config, tmp.resolve("cache"));

        assertThatThrownBy(run::run).isInstanceOf(MonitorStopException.class)
                .hasMessageContaining("rolled back 2 times already (monitors.alerts.maxRollbacks)");

        Path runDir = tmp.resolve("runs").toFile().listFiles()[0].toPath();
        List<JsonNode> rollbacks = EvalRunTest.records(runDir, "rollback");
        assertThat(rollbacks).extracting(r -> r.get("rollbacks").asInt()).containsExactly(1, 2);
        assertThat(rollbacks).allSatisfy(r -> {
            assertThat(r.get("rule").asText()).isEqualTo("quality-regressed");
            assertThat(r.get("to").asLong()).isLessThan(r.get("iteration").asLong());
        });
        assertThat(rollbacks.get(1).get("gLr").asDouble()).isEqualTo(2e-4 * 0.5 * 0.5);
    }
}
