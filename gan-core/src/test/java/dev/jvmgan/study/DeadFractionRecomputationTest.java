package dev.jvmgan.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.run.DataRule;
import dev.jvmgan.run.MetricsJsonlListener;
import dev.jvmgan.run.TinyRuns;
import dev.jvmgan.run.TrainingRun;
import dev.jvmgan.train.Latents;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead and never-positive fractions the study reports are the monitors' (metrics.jsonl's {@code monitor}
 * records, which {@link CellRecords} reads); here they are recomputed from a saved checkpoint with plain DL4J calls
 * and counting of our own, and must agree exactly.
 *
 * <p>Which batch and which parameters the monitors saw, from the loop's code: the check of iteration i reads each
 * activation layer's input during iteration i's first passes, D's on the real batch of iteration i and on G's images
 * of iteration i's latents, G's on those latents. Those passes run before D's and G's updates of iteration i, so with
 * the parameters after iteration i - 1: the checkpoint of iteration i - 1 holds exactly them (the checkpoint of
 * iteration i would hold the parameters after the update, which the check never saw). The batch is rebuilt from the
 * run's seed: the data order and the latent stream are seeded streams of their own, drawn once per iteration, so the
 * i-th real batch and the i-th latent batch are the ones iteration i used.
 */
class DeadFractionRecomputationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEED = 5;
    private static final int BATCH = 4;
    private static final int CHECK_EVERY = 3;

    @Test
    void monitorsFractionsEqualACountFromTheCheckpointBeforeEachCheck(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 32, 17);
        Path base = tmp.resolve("tiny-mlp.yaml");
        // A tiny deep MLP without batch norm at a high learning rate, so that units do die.
        Files.writeString(base, String.join("\n", "data: {path: " + images + ", imageSize: 8}",
                "model:", "  latentDim: 4",
                "  generator: {architecture: mlp, widths: [16, 16, 16, 16], activation: relu, batchNorm: false}",
                "  discriminator: {architecture: mlp, widths: [16, 16, 16, 16], batchNorm: false}", ""));
        Cell cell = new Cell(Variant.MLP4, Cell.Side.D, ActivationType.RELU, 0.05, SEED, 6, 10);
        List<String> overrides = new ArrayList<>(cell.overrides(tmp.resolve("runs")));
        overrides.addAll(List.of("train.batchSize=" + BATCH, "eval.every=0", "monitors.every=" + CHECK_EVERY,
                "monitors.window=1", "output.checkpointEvery=1", "output.keepCheckpoints=100", "output.logEvery=1"));
        RunConfig config = ConfigLoader.load(base, overrides, List.of(NetworkFactory.rule(), new DataRule()));
        Path run = new TrainingRun(config, false).run();

        List<JsonNode> checks = monitorRecords(run);
        assertThat(checks).extracting(r -> r.get("iteration").asLong()).containsExactly(3L, 6L);
        CellResult study = CellRecords.read(run);
        int neverPositiveSeen = 0;
        for (JsonNode check : checks) {
            int i = check.get("iteration").asInt();
            Checkpoint before = Checkpoint.read(Checkpoints.file(run, i - 1), false);
            assertThat(before.state().iteration()).isEqualTo(i - 1);
            Map<String, double[]> recomputed = recount(config, before, i);
            Map<String, JsonNode> recorded = new LinkedHashMap<>();
            check.get("layers").forEach(l -> recorded.put(l.get("network").asText() + " " + l.get("layer").asText(),
                    l));
            assertThat(recorded.keySet()).containsExactlyElementsOf(recomputed.keySet());
            for (Map.Entry<String, double[]> e : recomputed.entrySet()) {
                JsonNode l = recorded.get(e.getKey());
                double[] mine = e.getValue();
                String where = "iteration " + i + ", " + e.getKey();
                assertThat(l.get("neverPositive").asInt()).as(where).isEqualTo((int) mine[0]);
                assertThat(l.get("neverPositiveFraction").asDouble()).as(where).isEqualTo(mine[1]);
                assertThat(l.get("meanNonPositive").asDouble()).as(where).isEqualTo(mine[2]);
                CellResult.LayerTrace trace = study.layers().stream()
                        .filter(t -> (t.network() + " " + t.layer()).equals(e.getKey())).findFirst().orElseThrow();
                assertThat(trace.fractions().get(trace.iterations().indexOf((long) i))).as(where).isEqualTo(mine[1]);
                neverPositiveSeen += (int) mine[0];
            }
        }
        // Agreement on zeros alone would prove little: this run must have units that died.
        assertThat(neverPositiveSeen).isPositive();
    }

    /**
     * Per activation layer of D and G ("D act1"): {never-positive units, their fraction, mean per-unit fraction of
     * inputs <= 0}, counted on iteration i's batches through the checkpoint's networks.
     */
    private static Map<String, double[]> recount(RunConfig config, Checkpoint before, int iteration)
            throws Exception {
        // The seeds of run.Seeds, drawn in its order: global, generator, discriminator, latents, dataOrder.
        SplittableRandom root = new SplittableRandom(config.train().seed());
        root.nextLong();
        root.nextLong();
        root.nextLong();
        long latentSeed = root.nextLong();
        long dataOrderSeed = root.nextLong();
        INDArray real = null;
        try (BatchSource batches = TrainingData.open(config.data()).batches(BATCH, dataOrderSeed)) {
            for (int k = 1; k <= iteration; k++) {
                real = batches.next().dup();
            }
        }
        Latents stream = new Latents(config.model().latentDim(), latentSeed, DataType.FLOAT);
        INDArray latents = null;
        for (int k = 1; k <= iteration; k++) {
            latents = stream.next(BATCH).dup();
        }
        MultiLayerNetwork g = (MultiLayerNetwork) before.generator();
        MultiLayerNetwork d = (MultiLayerNetwork) before.discriminator();
        List<INDArray> gActivations = g.feedForward(latents, true);
        INDArray fake = gActivations.get(gActivations.size() - 1).reshape('c', BATCH, 1, 8, 8);
        Map<String, double[]> out = new LinkedHashMap<>();
        count("D", d, List.of(d.feedForward(real, true), d.feedForward(fake, true)), out);
        count("G", g, List.of(gActivations), out);
        return out;
    }

    /** A layer's input is the previous layer's output: feedForward's entry k is layer k's input. */
    private static void count(String network, MultiLayerNetwork net, List<List<INDArray>> passes,
                              Map<String, double[]> out) {
        for (int k = 0; k < net.getnLayers(); k++) {
            if (!(net.getLayer(k).conf().getLayer() instanceof ActivationLayer a)
                    || a.getActivationFn() instanceof ActivationTanH) {
                continue; // dense layers, and G's tanh output, which the monitors count apart
            }
            int units = (int) passes.get(0).get(k).size(1);
            boolean[] never = new boolean[units];
            java.util.Arrays.fill(never, true);
            double nonPositiveSum = 0;
            for (List<INDArray> pass : passes) {
                float[][] pre = pass.get(k).castTo(DataType.FLOAT).toFloatMatrix();
                for (int u = 0; u < units; u++) {
                    int atMostZero = 0;
                    for (float[] sample : pre) {
                        atMostZero += sample[u] <= 0 ? 1 : 0;
                    }
                    never[u] &= atMostZero == pre.length;
                    nonPositiveSum += (double) atMostZero / pre.length;
                }
            }
            int count = 0;
            for (boolean n : never) {
                count += n ? 1 : 0;
            }
            out.put(network + " " + net.getLayer(k).conf().getLayer().getLayerName(),
                    new double[] {count, (double) count / units, nonPositiveSum / ((double) units * passes.size())});
        }
    }

    private static List<JsonNode> monitorRecords(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(MetricsJsonlListener.FILE_NAME))) {
            JsonNode r = JSON.readTree(line);
            if (r.path("type").asText().equals("monitor")) {
                out.add(r);
            }
        }
        return out;
    }
}
