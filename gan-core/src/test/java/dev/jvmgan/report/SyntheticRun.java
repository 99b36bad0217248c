package dev.jvmgan.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.run.ClassesFile;
import dev.jvmgan.run.RunInfo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A run directory written by hand, as a 200-iteration run of 8x8 images would leave it: config.yaml (three values
 * off the defaults), train records every 20 iterations, a monitor check every 40, one alert, two eval records, sample
 * grids and run.json. Seeded, so every figure is known to the tests. {@link #conditional} makes it a class-conditional
 * run: classes.json, per-class scores in the eval records, and grids of one row per class.
 */
final class SyntheticRun {
    static final int IMAGE_SIZE = 8;
    /** Training's enlargement of a grid of 8x8 tiles ({@code ImageGrid.visibleScale(8)}). */
    static final int GRID_SCALE = 11;
    static final int EXACT_GRID = 8 * IMAGE_SIZE + 9 * 2;
    static final String ALERT_MESSAGE = "G act1: 40.0% of units dead (> 30.0%) <check> & fix";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private String yaml = "train: {iterations: 200}\nmodel: {latentDim: 4}\ndata: {imageSize: 8}\n";
    private final List<Double> fd = new ArrayList<>(List.of(50.0, 70.0));
    private int grids = 3;
    private int gridScale = GRID_SCALE;
    private final List<String> overrides = new ArrayList<>();
    private String dOutput;
    /** The classes of a conditional run, as shown; empty for an unconditional one. */
    private List<String> classes = List.of();
    private boolean classHead;

    private SyntheticRun(Path dir) {
        this.dir = dir;
    }

    static SyntheticRun in(Path dir) {
        return new SyntheticRun(dir);
    }

    /** Extra YAML lines for config.yaml (e.g. another learning rate for a second run). */
    SyntheticRun yaml(String extra) {
        yaml += extra;
        return this;
    }

    /** A {@code --set} override of the config (e.g. another loss). */
    SyntheticRun set(String override) {
        overrides.add(override);
        return this;
    }

    /** The train records' {@code dOutput} ({@code raw}, {@code critic}); none (probabilities) by default. */
    SyntheticRun dOutput(String meaning) {
        dOutput = meaning;
        return this;
    }

    /** The FD of the eval records at iterations 100, 200, ...; none for a run without quality scores. */
    SyntheticRun fd(Double... values) {
        fd.clear();
        fd.addAll(List.of(values));
        return this;
    }

    /**
     * A class-conditional run ({@code model.conditional: true}) of these classes: classes.json names them, the eval
     * records have class agreement 0.5 then 0.75, mean intra-FD FD + 10, and a row per class (class k: agreement
     * k / K, real agreement 0.9 - 0.1 k but none in the first record, intra-FD 60 + k; the last class's intra-FD
     * undefined), and the grids have one row of tiles per class.
     */
    SyntheticRun conditional(String... names) {
        classes = List.of(names);
        overrides.add("model.conditional=true");
        return this;
    }

    /**
     * A conditional run with ACGAN's class head ({@code model.auxClassifier: 1}): its train records carry
     * classAccuracyReal = iteration / 400 and classAccuracyFake = iteration / 800.
     */
    SyntheticRun auxClassifier(String... names) {
        conditional(names);
        overrides.add("model.auxClassifier=1");
        classHead = true;
        return this;
    }

    /** Sample grids at 200/n, 2*200/n, ..., 200. */
    SyntheticRun grids(int count) {
        grids = count;
        return this;
    }

    /** Grids enlarged {@code scale} times instead of training's 11 (1 keeps a test with many grids quick). */
    SyntheticRun gridScale(int scale) {
        gridScale = scale;
        return this;
    }

    Path write() throws IOException {
        Files.createDirectories(dir);
        RunConfig config = ConfigLoader.parse(yaml, "synthetic.yaml", "synthetic", overrides, List.of());
        Files.writeString(dir.resolve("config.yaml"), ConfigLoader.toYaml(config));
        List<String> lines = new ArrayList<>();
        for (int it = 20; it <= 200; it += 20) {
            ObjectNode r = JSON.createObjectNode().put("type", "train").put("iteration", it)
                    .put("imagesSeen", it * 64).put("dLoss", 1.4 - it / 400.0).put("gLoss", 0.7 + it / 200.0)
                    .put("dReal", 0.5 + it / 1000.0).put("dFake", 0.5 - it / 1000.0).put("itPerSec", 8.0)
                    .put("time", "2026-12-01T10:00:" + String.format("%02d", it / 20) + "Z");
            if (dOutput != null) {
                r.put("dOutput", dOutput);
            }
            if (classHead) {
                r.put("classAccuracyReal", it / 400.0).put("classAccuracyFake", it / 800.0);
            }
            lines.add(JSON.writeValueAsString(r));
            if (it % 40 == 0) {
                lines.add(JSON.writeValueAsString(check(it)));
            }
            if (it == 120) {
                lines.add(JSON.writeValueAsString(JSON.createObjectNode().put("type", "alert").put("iteration", it)
                        .put("rule", "dead-units").put("policy", "warn").put("message", ALERT_MESSAGE)));
            }
            if (it % 100 == 0 && it / 100 <= fd.size()) {
                ObjectNode eval = JSON.createObjectNode().put("type", QualityRecord.TYPE)
                        .put("iteration", it).put("fd", fd.get(it / 100 - 1)).put("kid", 0.05).put("kidStd", 0.01)
                        .put("precision", 0.6).put("recall", 0.4).put("density", 0.9).put("coverage", 0.7)
                        .put("n", 1000).put("extractor", "abc123");
                if (!classes.isEmpty()) {
                    perClass(eval, it / 100, fd.get(it / 100 - 1));
                }
                lines.add(JSON.writeValueAsString(eval));
            }
        }
        Files.write(dir.resolve("metrics.jsonl"), lines);
        if (!classes.isEmpty()) {
            ObjectNode file = JSON.createObjectNode();
            classes.forEach(file.putArray("names")::add);
            classes.forEach(file.putArray("shown")::add);
            Files.writeString(dir.resolve(ClassesFile.FILE), JSON.writeValueAsString(file.put("generator", true)
                    .put("discriminator", true)));
        }
        writeGrids();
        new RunInfo(List.of(new RunInfo.Session("0.1.0-test", "ND4J backend CPU (test)", "test CPU (2 cores)",
                "17", "2026-12-01T10:00:00Z", "2026-12-01T10:00:50Z", 0, 200, 50.0, 600_000_000L, "finished")))
                .write(dir);
        return dir;
    }

    /** The per-class fields of the {@code n}-th eval record, as {@code gan eval} writes them. */
    private void perClass(ObjectNode eval, int n, double fd) {
        eval.put(QualityRecord.CLASS_AGREEMENT, 0.25 + 0.25 * n).put(QualityRecord.MEAN_INTRA_FD, fd + 10);
        ArrayNode rows = eval.putArray(QualityRecord.PER_CLASS);
        for (int k = 0; k < classes.size(); k++) {
            ObjectNode row = rows.addObject().put("index", k).put("class", classes.get(k)).put("generated", 10)
                    .put("real", 20).put("agreement", (double) k / classes.size());
            if (n > 1) { // the first record is as written before real agreement was
                row.put("realAgreement", 0.9 - 0.1 * k);
            }
            if (k < classes.size() - 1) {
                row.put("intraFd", 60.0 + k);
            } else {
                row.putNull("intraFd");
            }
        }
    }

    /** A check where G act1 has 40% dead units from iteration 120 on, and gradients of two D and two G layers. */
    private static ObjectNode check(int it) {
        ObjectNode r = JSON.createObjectNode().put("type", "monitor").put("iteration", it).put("dReal", 0.97)
                .put("dFake", 0.02).put("gSignal", 0.1 / it);
        ArrayNode layers = r.putArray("layers");
        layers.addObject().put("network", "D").put("layer", "act1").put("activation", "leakyrelu")
                .put("label", "never positive").put("units", 4).put("neverPositiveFraction", 0.0)
                .put("meanNonPositive", 0.4 + it / 1000.0).put("saturatedFraction", 0.0);
        layers.addObject().put("network", "G").put("layer", "act1").put("activation", "relu").put("label", "dead")
                .put("units", 10).put("neverPositiveFraction", it >= 120 ? 0.4 : 0.0).put("meanNonPositive", 0.5)
                .put("saturatedFraction", 0.0);
        ArrayNode gradients = r.putArray("gradients");
        // Output layer first, as the monitor writes them (backprop order).
        gradient(gradients, "D", "logit", "W", 3.0, 4.0, 0.01);
        gradient(gradients, "D", "conv1", "W", 3.0, 2.0, 0.02);
        gradient(gradients, "D", "conv1", "b", 4.0, 1.0, 0.0);
        gradient(gradients, "G", "deconv2", "W", 0.5 * it, 1.0, 0.001);
        gradient(gradients, "G", "fc1", "W", 0.25, 1.0, 0.003).put("vanishing", it == 200);
        return r;
    }

    private static ObjectNode gradient(ArrayNode into, String network, String layer, String param, double norm,
                                       double paramNorm, double ratio) {
        return into.addObject().put("network", network).put("layer", layer).put("param", param).put("norm", norm)
                .put("paramNorm", paramNorm).put("updateRatio", ratio).put("vanishing", false).put("exploding", false);
    }

    /**
     * Grids as training writes them: 8x8 tiles (a conditional run: K rows of 8) of 8 px with 2 px gaps, enlarged 11x;
     * tile k has grey level 3k.
     */
    private void writeGrids() throws IOException {
        Random rng = new Random(5);
        int rows = classes.isEmpty() ? 8 : classes.size();
        for (int g = 1; g <= grids; g++) {
            BufferedImage exact = new BufferedImage(EXACT_GRID, rows * IMAGE_SIZE + (rows + 1) * 2,
                    BufferedImage.TYPE_BYTE_GRAY);
            for (int k = 0; k < 8 * rows; k++) {
                int x0 = 2 + (k % 8) * (IMAGE_SIZE + 2), y0 = 2 + (k / 8) * (IMAGE_SIZE + 2);
                for (int y = 0; y < IMAGE_SIZE; y++) {
                    for (int x = 0; x < IMAGE_SIZE; x++) {
                        exact.getRaster().setSample(x0 + x, y0 + y, 0, Math.min(255, 3 * k + rng.nextInt(60)));
                    }
                }
            }
            long iteration = Math.round(200.0 * g / grids);
            ImageGrid.writePng(ImageGrid.upscale(exact, gridScale),
                    dir.resolve("samples").resolve(String.format("iter-%07d.png", iteration)));
        }
    }

    /** The exact-pixel grid of the last sample file, for comparing with what the page embeds. */
    static BufferedImage exactLastGrid(Path run) throws IOException {
        try (var files = Files.list(run.resolve("samples"))) {
            Path last = files.sorted().reduce((a, b) -> b).orElseThrow();
            BufferedImage big = javax.imageio.ImageIO.read(last.toFile());
            BufferedImage exact = new BufferedImage(EXACT_GRID, EXACT_GRID, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < EXACT_GRID; y++) {
                for (int x = 0; x < EXACT_GRID; x++) {
                    exact.getRaster().setSample(x, y, 0, big.getRaster().getSample(x * GRID_SCALE, y * GRID_SCALE, 0));
                }
            }
            return exact;
        }
    }
}
