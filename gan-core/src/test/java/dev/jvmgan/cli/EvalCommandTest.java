package dev.jvmgan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.cli.GanCliTest.Outcome;
import dev.jvmgan.run.TinyRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.jvmgan.cli.GanCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code gan eval} end to end on tiny trained runs (8x8 grey images without labels, so the feature network learns
 * rotation prediction): scores with their counts and the feature network's hash, --all as a table, a chart and
 * JSON, folders of images, and every refusal as exit code 2.
 */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path runDir;
    static Path otherRun;
    static Path yaml;
    static Path cache;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTwoTinyRunsOnDifferentData() throws Exception {
        cache = shared.resolve("cache");
        yaml = trainTiny(shared.resolve("a"), 40, 5);
        runDir = shared.resolve("a/runs/00000-tiny");
        trainTiny(shared.resolve("b"), 40, 6);
        otherRun = shared.resolve("b/runs/00000-tiny");
    }

    private static Path trainTiny(Path dir, int images, long seed) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, GanCliTest.tinyYaml(TinyRuns.idxImages(dir, images, seed), dir.resolve("runs")));
        Outcome train = run("train", config.toString(), "--iterations", "4");
        assertThat(train.exitCode()).as(train.err()).isZero();
        return config;
    }

    private static Outcome eval(String... args) {
        return run(Stream.concat(Stream.of("eval"), Stream.concat(Stream.of(args),
                Stream.of("--cache-dir", cache.toString()))).toArray(String[]::new));
    }

    private static Outcome ok(String... args) {
        Outcome outcome = eval(args);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        return outcome;
    }

    private static JsonNode jsonOf(Outcome outcome) throws Exception {
        return JSON.readTree(outcome.out());
    }

    @Test
    void aRunsLatestCheckpointIsScoredWithItsCountsAndTheFeatureNetworksHash() throws Exception {
        Outcome text = ok(runDir.toString(), "--n", "20");
        JsonNode scored = jsonOf(ok(runDir.toString(), "--n", "20", "--json")).get(0);

        String hash = scored.get("extractor").asText();
        assertThat(hash).hasSize(64);
        assertThat(text.out()).contains("feature network " + hash.substring(0, 12) + ": rotation prediction")
                .contains("reference: 40 real images of ").contains("(not held out")
                .contains("20 vs 40").contains("recorded in " + runDir.resolve("eval.jsonl"));
        assertThat(scored.get("iteration").asLong()).isEqualTo(4);
        assertThat(scored.get("n").asInt()).isEqualTo(20);
        assertThat(scored.get("fakes").asText()).isEqualTo("seeds 0-19");
        assertThat(scored.get("realCount").asInt()).isEqualTo(40);
        assertThat(scored.get("referenceHeldOut").asBoolean()).isFalse();
        assertThat(scored.get("fd").asDouble()).isPositive();
        // The cached network's own record names the same hash, and the run keeps both scores under it.
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> meta = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(meta).hasSize(1);
            assertThat(JSON.readTree(meta.get(0).toFile()).get("hash").asText()).isEqualTo(hash);
        }
        List<String> records = Files.readAllLines(runDir.resolve("eval.jsonl"));
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(JSON.readTree(r).get("extractor").asText())
                .isEqualTo(hash));
        // Fixed seeds: the same checkpoint gives the same score every time.
        JsonNode again = jsonOf(ok(runDir.toString(), "--n", "20", "--json")).get(0);
        assertThat(again.get("fd").asDouble()).isEqualTo(scored.get("fd").asDouble());
        assertThat(again.get("kid").asDouble()).isEqualTo(scored.get("kid").asDouble());
    }

    @Test
    void allScoresEveryCheckpointAsATableAChartAndJson() throws Exception {
        Outcome text = ok(runDir.toString(), "--all", "--n", "20");
        JsonNode json = jsonOf(ok(runDir.toString(), "--all", "--n", "20", "--json"));

        assertThat(text.out()).contains("iteration").contains("KID (mean +- std)").contains("coverage")
                .contains("chart: " + runDir.resolve("eval.png"));
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("iteration").asLong()).isEqualTo(2);
        assertThat(json.get(1).get("iteration").asLong()).isEqualTo(4);
        assertThat(json.get(0).get("fd").asDouble()).isNotEqualTo(json.get(1).get("fd").asDouble());
        assertThat(ImageIO.read(runDir.resolve("eval.png").toFile()).getWidth()).isGreaterThan(0);
    }

    @Test
    void aFolderOfTheCheckpointsPngsScoresAsTheCheckpoint() throws Exception {
        Path pngs = tmp.resolve("pngs");
        Outcome sample = run("sample", runDir.toString(), "--single", pngs.toString(), "--n", "20", "--seed", "0");
        assertThat(sample.exitCode()).as(sample.err()).isZero();

        JsonNode fromCheckpoint = jsonOf(ok(runDir.toString(), "--n", "20", "--json")).get(0);
        JsonNode fromFolder = jsonOf(ok(pngs.toString(), "--against", yaml.toString(), "--json")).get(0);

        assertThat(fromFolder.get("fakes").asText()).isEqualTo("all 20 images");
        assertThat(fromFolder.get("iteration").isNull()).isTrue();
        // The same images, rounded to the same 8-bit levels; gan sample draws one image per forward pass and eval a
        // batch, whose last bits may differ and, rarely, round a pixel to the next level.
        assertThat(fromFolder.get("extractor")).isEqualTo(fromCheckpoint.get("extractor"));
        for (String metric : new String[] {"fd", "kid", "precision", "recall", "density", "coverage"}) {
            double expected = fromCheckpoint.get(metric).asDouble();
            assertThat(fromFolder.get(metric).asDouble()).as(metric)
                    .isCloseTo(expected, within(1e-3 * Math.abs(expected) + 1e-9));
        }
    }

    @Test
    void aCheckpointIsScoredAsGanSampleDrawsItFromTheAverageByDefaultAndFromGWithNoEma() throws Exception {
        Path dir = tmp.resolve("ema");
        Files.createDirectories(dir);
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, GanCliTest.tinyYaml(TinyRuns.idxImages(dir, 40, 5), dir.resolve("runs")));
        Outcome train = run("train", config.toString(), "--iterations", "4", "--set", "train.ema.halfLifeImages=8",
                "--set", "model.generator.spectralNorm=true");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path emaRun = dir.resolve("runs/00000-tiny");
        Path averagePngs = tmp.resolve("average");
        Path gPngs = tmp.resolve("g");
        assertThat(run("sample", emaRun.toString(), "--single", averagePngs.toString(), "--n", "20").exitCode())
                .isZero();
        assertThat(run("sample", emaRun.toString(), "--single", gPngs.toString(), "--n", "20", "--no-ema")
                .exitCode()).isZero();

        JsonNode average = jsonOf(ok(emaRun.toString(), "--n", "20", "--json")).get(0);
        JsonNode g = jsonOf(ok(emaRun.toString(), "--n", "20", "--json", "--no-ema")).get(0);
        JsonNode averageFolder = jsonOf(ok(averagePngs.toString(), "--against", config.toString(), "--json")).get(0);
        JsonNode gFolder = jsonOf(ok(gPngs.toString(), "--against", config.toString(), "--json")).get(0);

        assertThat(average.get("fakes").asText()).isEqualTo("seeds 0-19 from G's moving average");
        assertThat(g.get("fakes").asText()).isEqualTo("seeds 0-19");
        assertThat(average.get("fd").asDouble()).isNotEqualTo(g.get("fd").asDouble());
        assertThat(averageFolder.get("fd").asDouble()).isCloseTo(average.get("fd").asDouble(),
                within(1e-3 * average.get("fd").asDouble()));
        assertThat(gFolder.get("fd").asDouble()).isCloseTo(g.get("fd").asDouble(),
                within(1e-3 * g.get("fd").asDouble()));
    }

    @Test
    void aTruncatedScoreIsTheScoreOfGanSamplesTruncatedImagesAndIsNotRecorded() throws Exception {
        Path pngs = tmp.resolve("truncated");
        Outcome sample = run("sample", runDir.toString(), "--single", pngs.toString(), "--n", "20", "--seed", "0",
                "--truncation", "0.5");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        List<String> before = Files.readAllLines(runDir.resolve("eval.jsonl"));

        JsonNode plain = jsonOf(ok(runDir.toString(), "--n", "20", "--json")).get(0);
        List<String> afterPlain = Files.readAllLines(runDir.resolve("eval.jsonl"));
        Outcome truncatedText = ok(runDir.toString(), "--n", "20", "--truncation", "0.5");
        JsonNode truncated = jsonOf(ok(runDir.toString(), "--n", "20", "--truncation", "0.5", "--json")).get(0);
        JsonNode folder = jsonOf(ok(pngs.toString(), "--against", yaml.toString(), "--json")).get(0);

        assertThat(truncated.get("fakes").asText()).isEqualTo("seeds 0-19, truncation 0.5");
        assertThat(truncated.get("fd").asDouble()).isNotEqualTo(plain.get("fd").asDouble());
        for (String metric : new String[] {"fd", "kid", "precision", "recall", "density", "coverage"}) {
            double expected = truncated.get(metric).asDouble();
            assertThat(folder.get(metric).asDouble()).as(metric)
                    .isCloseTo(expected, within(1e-3 * Math.abs(expected) + 1e-9));
        }
        // The untruncated score is recorded; the truncated ones are printed only.
        assertThat(afterPlain).hasSize(before.size() + 1);
        assertThat(Files.readAllLines(runDir.resolve("eval.jsonl"))).isEqualTo(afterPlain);
        assertThat(truncatedText.out()).doesNotContain("recorded in");
    }

    @Test
    void standingStatisticsScoreGanSamplesImagesWithThemAndAreNotRecorded() throws Exception {
        Path pngs = tmp.resolve("standing");
        Outcome sample = run("sample", runDir.toString(), "--single", pngs.toString(), "--n", "20",
                "--standing-stats", "3");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        List<String> before = Files.readAllLines(runDir.resolve("eval.jsonl"));

        JsonNode plain = jsonOf(ok(runDir.toString(), "--n", "20", "--json")).get(0);
        List<String> afterPlain = Files.readAllLines(runDir.resolve("eval.jsonl"));
        Outcome standingText = ok(runDir.toString(), "--n", "20", "--standing-stats", "3");
        JsonNode standing = jsonOf(ok(runDir.toString(), "--n", "20", "--standing-stats", "3", "--json")).get(0);
        JsonNode folder = jsonOf(ok(pngs.toString(), "--against", yaml.toString(), "--json")).get(0);

        // The tiny run trains at batch 4, so the statistics come from 3 batches of 4 latents.
        assertThat(standing.get("fakes").asText()).isEqualTo("seeds 0-19, batch-norm statistics of 3 batches of 4");
        assertThat(standing.get("fd").asDouble()).isNotEqualTo(plain.get("fd").asDouble());
        for (String metric : new String[] {"fd", "kid", "precision", "recall", "density", "coverage"}) {
            double expected = standing.get(metric).asDouble();
            assertThat(folder.get(metric).asDouble()).as(metric)
                    .isCloseTo(expected, within(1e-3 * Math.abs(expected) + 1e-9));
        }
        assertThat(afterPlain).hasSize(before.size() + 1);
        assertThat(Files.readAllLines(runDir.resolve("eval.jsonl"))).isEqualTo(afterPlain);
        assertThat(standingText.out()).doesNotContain("recorded in");
    }

    @Test
    void scoresUnderAnotherFeatureNetworkAreRefusedNamingBothHashes() throws Exception {
        String hash = jsonOf(ok(runDir.toString(), "--n", "20", "--json")).get(0).get("extractor").asText();
        String otherHash = jsonOf(ok(otherRun.toString(), "--n", "20", "--json")).get(0).get("extractor").asText();
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("checkpoints"));
        Files.copy(runDir.resolve("checkpoints/iter-0000004.zip"), copy.resolve("checkpoints/iter-0000004.zip"));
        Files.writeString(copy.resolve("eval.jsonl"), "{\"type\":\"eval\",\"extractor\":\"" + "ab".repeat(32)
                + "\"}\n");

        Outcome twoRuns = eval(runDir.toString(), otherRun.toString(), "--n", "20");
        Outcome stored = eval(copy.toString(), "--n", "20");

        assertThat(otherHash).isNotEqualTo(hash);
        assertThat(twoRuns.exitCode()).isEqualTo(2);
        assertThat(twoRuns.err()).contains(hash.substring(0, 12)).contains(otherHash.substring(0, 12))
                .contains("--against").doesNotContain("\tat ");
        assertThat(stored.exitCode()).isEqualTo(2);
        assertThat(stored.err()).contains("abababababab").contains(hash.substring(0, 12))
                .contains(copy.resolve("eval.jsonl") + ":1");
        // Against one dataset, both runs are scored under one network.
        JsonNode both = jsonOf(ok(runDir.toString(), otherRun.toString(), "--n", "20", "--against", yaml.toString(),
                "--json"));
        assertThat(both).hasSize(2);
        assertThat(both.get(1).get("extractor").asText()).isEqualTo(hash);
    }

    @Test
    void badInputIsAClearMessageAndExitCodeTwo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path noCheckpoints = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(noCheckpoints.resolve("config.yaml"), Files.readString(yaml));
        Files.writeString(noCheckpoints.resolve("metrics.jsonl"), "");
        Path wide = tmp.resolve("wide.yaml");
        Files.writeString(wide, Files.readString(yaml).replace("imageSize: 8", "imageSize: 16"));

        expectRefusal(eval(tmp.resolve("missing").toString()), "does not exist");
        expectRefusal(eval(noCheckpoints.toString()), "has no checkpoints yet");
        expectRefusal(eval(empty.toString()), "--against CONFIG");
        expectRefusal(eval(empty.toString(), "--against", yaml.toString()), empty.toString());
        expectRefusal(eval(runDir.toString(), "--against", wide.toString()), "makes 1x8x8 images");
        expectRefusal(eval(runDir.toString(), "--n", "5"), "--n 5 must be between 10 and 50000");
        expectRefusal(eval(empty.toString(), "--all"), "is not one");
        expectRefusal(eval(runDir.toString(), "--truncation", "0"), "--truncation 0.0 must be in (0, 1]");
        expectRefusal(eval(runDir.toString(), "--truncation", "1.5"), "--truncation 1.5 must be in (0, 1]");
        expectRefusal(eval(runDir.toString(), "--all", "--truncation", "0.7"), "does not go with --all");
        expectRefusal(eval(empty.toString(), "--against", yaml.toString(), "--truncation", "0.7"),
                empty + " holds images");
        expectRefusal(eval(runDir.toString(), "--standing-stats", "-1"), "--standing-stats -1 must be between 0");
        expectRefusal(eval(runDir.toString(), "--standing-stats", "1001"), "and 1000 batches");
        expectRefusal(eval(runDir.toString(), "--all", "--standing-stats", "5"), "does not go with --all");
        expectRefusal(eval(empty.toString(), "--against", yaml.toString(), "--standing-stats", "5"),
                empty + " holds images: score it without --standing-stats");
    }

    private static void expectRefusal(Outcome outcome, String message) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains(message).doesNotContain("\tat ");
    }
}
